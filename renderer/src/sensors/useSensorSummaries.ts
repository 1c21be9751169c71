/**
 * Every sensor's latest reading (`ops.sensorSummaries`), for colouring sensors by their ASHRAE
 * status in the plan and the 3D view. Readings are not in the mirror (they live in their own
 * table), so this asks main again whenever the import records change (an import, its undo).
 */
import { useEffect, useState } from 'react';
import type { OpsSensorSummary } from '../../../core/api';
import { call } from '../api/client';
import { useStore } from '../state/store';

const EMPTY: ReadonlyMap<string, OpsSensorSummary> = new Map();

export function useSensorSummaries(): ReadonlyMap<string, OpsSensorSummary> {
  const imports = useStore((s) => s.snapshot?.readingImports);
  const hasSensors = useStore((s) => Object.keys(s.snapshot?.sensors ?? {}).length > 0);
  const [summaries, setSummaries] = useState(EMPTY);
  useEffect(() => {
    if (!hasSensors || !imports || Object.keys(imports).length === 0) {
      setSummaries(EMPTY);
      return;
    }
    let live = true;
    call('ops.sensorSummaries', {}).then(
      (list) => { if (live) setSummaries(new Map(list.map((s) => [s.sensorId, s]))); },
      // A colour is a nicety: without the summaries the sensors are drawn neutral.
      () => { if (live) setSummaries(EMPTY); },
    );
    return () => { live = false; };
  }, [imports, hasSensors]);
  return summaries;
}
