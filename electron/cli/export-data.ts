/**
 * `plenum export FILE --format csv|xlsx|netbox -o DIR`: the data exports
 * (electron/report/export-data.ts). `--format json` stays in main.ts.
 */
import fs from 'node:fs';
import { PlenumError } from '../../core/model/errors';
import { ProjectStore } from '../store/project-store';
import { DATA_FORMATS, exportData, type DataFormat } from '../report/export-data';
import { Progress } from './progress';
import type { ReportCliIo } from './report';

export const EXPORT_FORMATS = ['json', ...DATA_FORMATS] as const;

export function runDataExport(file: string, format: string, dir: string | undefined, io: ReportCliIo): number {
  if (!(DATA_FORMATS as readonly string[]).includes(format)) throw io.usage(`unknown export format "${format}" (available: ${EXPORT_FORMATS.join(', ')})`);
  if (!dir) throw io.usage(`--format ${format} writes several files: give the folder with -o DIR`);
  if (!fs.existsSync(file)) throw new PlenumError(`${file}: no such file`, 'not-found');
  const store = ProjectStore.open(file, { readOnly: true });
  let snapshot;
  try {
    snapshot = store.snapshot();
  } finally {
    store.close();
  }
  const progress = new Progress('Export');
  let files: string[];
  try {
    files = exportData(snapshot, format as DataFormat, dir, { onProgress: (d, t, phase) => progress.update(d, t, phase) });
  } finally {
    progress.done();
  }
  io.err(`Wrote ${files.length} file${files.length === 1 ? '' : 's'} to ${dir}: ${files.slice(0, 6).join(', ')}${files.length > 6 ? ', …' : ''}`);
  return 0;
}
