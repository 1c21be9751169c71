import { describe, expect, it } from 'vitest';
import { parseBackupRunsCsv } from './backup-csv';

const policies = [{ id: 'bkp:1', name: 'VM images' }, { id: 'bkp:2', name: 'SQL' }];

describe('parseBackupRunsCsv', () => {
  it('reads runs by policy name or id, in any column order, with optional fields left out', () => {
    const csv = [
      'status,policy,kind,startedAt,finishedAt,sizeBytes,note',
      'success,VM images,backup,2026-11-24T02:00:00+01:00,2026-11-24T02:40:00+01:00,1200000,nightly',
      'failed,bkp:2,restore test,2026-11-24T03:00:00Z,,,',
    ].join('\n');
    const r = parseBackupRunsCsv(csv, policies);
    expect(r.errors).toEqual([]);
    expect(r.runs).toEqual([
      { policyId: 'bkp:1', kind: 'backup', startedAt: '2026-11-24T02:00:00+01:00', finishedAt: '2026-11-24T02:40:00+01:00', status: 'success', sizeBytes: 1200000, note: 'nightly' },
      { policyId: 'bkp:2', kind: 'restore-test', startedAt: '2026-11-24T03:00:00Z', status: 'failed' },
    ]);
  });

  it('refuses the whole file and gives every bad line its number and column', () => {
    const csv = [
      'policy;kind;startedAt;finishedAt;status;sizeBytes;note',
      'VM images;backup;2026-11-24T02:00:00+01:00;;success;;',
      'Tape;backup;2026-11-24T02:00:00+01:00;;success;;',
      '',
      'SQL;snapshot;2026-11-24 02:00;;done;-5;',
      'SQL;backup;2026-11-24T02:00:00Z;2026-11-24T01:00:00Z;ok;;',
    ].join('\r\n');
    const r = parseBackupRunsCsv(csv, policies);
    expect(r.runs).toEqual([]);
    expect(r.errors.map((e) => `${e.line}:${e.column}`)).toEqual(['3:policy', '5:kind', '5:startedAt', '5:status', '5:sizeBytes', '6:finishedAt']);
    expect(r.errors[0]!.message).toContain('"Tape"');
  });

  it('names the missing columns of a header', () => {
    const r = parseBackupRunsCsv('policy,startedAt\nSQL,2026-11-24T02:00:00Z', policies);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringContaining('kind, status') }]);
  });

  it('reports an empty file and a file with only a header', () => {
    expect(parseBackupRunsCsv('\n\n', policies).errors[0]!.message).toMatch(/empty/);
    expect(parseBackupRunsCsv('policy,kind,startedAt,status\n', policies).errors[0]!.message).toMatch(/no runs/);
  });

  it('reads quoted notes with the delimiter inside', () => {
    const r = parseBackupRunsCsv('policy,kind,startedAt,status,note\nSQL,backup,2026-11-24T02:00:00Z,partial,"2 files skipped, locked"', policies);
    expect(r.runs[0]).toMatchObject({ status: 'partial', note: '2 files skipped, locked' });
  });
});
