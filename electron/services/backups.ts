/**
 * Rolling backups: a copy of a project is taken each time it is opened, kept in user data
 * (`backups/<file name>-<hash of its path>/`), newest first, the last KEEP_BACKUPS only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../core/api';
import { PlenumError } from '../../core/model/errors';

export const KEEP_BACKUPS = 10;

export function backupFolderFor(backupsRoot: string, projectPath: string): string {
  const abs = path.resolve(projectPath);
  const hash = crypto.createHash('sha256').update(abs).digest('hex').slice(0, 12);
  const base = path.basename(abs, '.plenum').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'project';
  return path.join(backupsRoot, `${base}-${hash}`);
}

/** A file name that sorts by time and cannot collide within one process. */
let lastStamp = '';
let counter = 0;
export function newBackupName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  counter = stamp === lastStamp ? counter + 1 : 0;
  lastStamp = stamp;
  // Always a zero-padded counter, so that names sort in the order they were taken.
  return `${stamp}-${String(counter).padStart(4, '0')}.plenum`;
}

export function listBackups(folder: string): BackupInfo[] {
  if (!fs.existsSync(folder)) return [];
  return fs.readdirSync(folder)
    .filter((f) => f.endsWith('.plenum'))
    .sort()
    .reverse()
    .map((f) => {
      const stat = fs.statSync(path.join(folder, f));
      return { id: f, takenAt: stat.mtime.toISOString(), sizeBytes: stat.size };
    });
}

export function pruneBackups(folder: string, keep = KEEP_BACKUPS): void {
  for (const old of listBackups(folder).slice(keep)) fs.rmSync(path.join(folder, old.id), { force: true });
}

export function backupPath(folder: string, id: string): string {
  // Ids come from the renderer: only a bare file name from our own listing is acceptable.
  if (id !== path.basename(id) || !id.endsWith('.plenum')) throw new PlenumError(`Unknown backup "${id}"`, 'invalid', 'id');
  const file = path.join(folder, id);
  if (!fs.existsSync(file)) throw new PlenumError(`Backup ${id} no longer exists`, 'not-found', 'id');
  return file;
}
