/**
 * The operations queries of core/api.ts ('ops.attention', 'ops.sensorChart', …), with the result
 * shapes the workspace reads. Edits go through `call('cmd.…')` directly; these are the reads that
 * need the readings table in main, outside the mirror.
 */
import type { AssetRef } from '../../../core/model/schema';
import type { AttentionItem } from '../../../core/ops/attention';
import type { OpsSensorSummary, SensorChart } from '../../../core/api';
import { call } from '../api/client';
import type { TimelineEntry } from '../../../core/ops/timeline';

/** The results of 'ops.sensorChart' and 'ops.sensorSummaries' (core/api.ts). */
export type SensorChartData = SensorChart;
export type SensorSummary = OpsSensorSummary;

/** A timeline entry as core builds it (core/ops/timeline.ts). */
export type TimelineItem = TimelineEntry;

export interface ReadingsImportArgs {
  fileName: string;
  text: string;
  mapping?: Partial<Record<'timestamp' | 'sensor' | 'temperatureC' | 'humidityPct', string>>;
  utcOffset?: string;
  skipInvalid?: boolean;
  createSensorsRoomId?: string;
}

export interface ReadingsImportOutcome {
  importId: string | null;
  rows: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  sensorsCreated: string[];
  fromAt: string | null;
  toAt: string | null;
}

// SensorChart in core/api.ts types the buckets as numbers; over JSON an empty bucket is null, so
// the chart reads them through SensorChartData above.
export const opsApi = {
  attention: (): Promise<AttentionItem[]> => call('ops.attention', {}),
  sensorSummaries: (): Promise<SensorSummary[]> => call('ops.sensorSummaries', {}),
  sensorChart: async (args: { sensorId: string; fromT?: number; toT?: number; buckets?: number }): Promise<SensorChartData> => (await call('ops.sensorChart', args)) as unknown as SensorChartData,
  timeline: (args: { asset?: AssetRef; limit?: number }): Promise<TimelineItem[]> => call('ops.timeline', args),
  importReadings: (args: ReadingsImportArgs): Promise<ReadingsImportOutcome> => call('ops.readings.import', args),
};
