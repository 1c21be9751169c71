/**
 * Project-level file operations shared by the CLI, the browser-mode server and Electron:
 * creating (optionally the demo), opening with a rolling backup, Save As / Duplicate.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildDemoDocument } from '../../core/demo';
import { PlenumError } from '../../core/model/errors';
import { ProjectStore } from '../store/project-store';
import { backupFolderFor, newBackupName, pruneBackups } from './backups';
import { builtinDeviceTypes } from './netbox-import';

export function ensurePlenumExtension(file: string): string {
  return file.toLowerCase().endsWith('.plenum') ? file : `${file}.plenum`;
}

/** Creates a project file; with `demo`, fills it with the demo site as its first (undoable) step. */
export function createProject(file: string, options: { name?: string; demo?: boolean }): ProjectStore {
  const abs = path.resolve(file);
  if (!fs.existsSync(path.dirname(abs))) throw new PlenumError(`${abs}: the folder ${path.dirname(abs)} does not exist`, 'io');
  const name = options.name ?? (options.demo ? 'Demo site — Lyon DC1' : path.basename(abs, '.plenum'));
  const store = ProjectStore.create(abs, { name });
  if (options.demo) {
    try {
      store.execute('document.import', { document: buildDemoDocument(builtinDeviceTypes(), name) });
    } catch (err) {
      store.close();
      fs.rmSync(abs, { force: true });
      throw err;
    }
  }
  return store;
}

/** Opens a project and takes the rolling backup of it in user data. */
export async function openProjectWithBackup(file: string, backupsRoot: string, options: { readOnly?: boolean } = {}): Promise<ProjectStore> {
  const store = ProjectStore.open(path.resolve(file), options);
  try {
    const folder = backupFolderFor(backupsRoot, store.path);
    fs.mkdirSync(folder, { recursive: true });
    await store.backupTo(path.join(folder, newBackupName()));
    pruneBackups(folder);
  } catch (err) {
    // A failed backup must not lose the user's session, but it must not go unnoticed either.
    console.warn(`Plenum: could not back up ${store.path}: ${(err as Error).message}`);
  }
  return store;
}

/** Copies the open project to `dest` with SQLite's backup API. Refuses to overwrite itself. */
export async function copyProject(store: ProjectStore, dest: string): Promise<string> {
  const abs = path.resolve(ensurePlenumExtension(dest));
  if (abs === path.resolve(store.path)) throw new PlenumError(`${abs}: that is the file already open`, 'invalid', 'path');
  if (fs.existsSync(abs)) throw new PlenumError(`${abs}: already exists; choose another name`, 'io', 'path');
  if (!fs.existsSync(path.dirname(abs))) throw new PlenumError(`${abs}: the folder ${path.dirname(abs)} does not exist`, 'io', 'path');
  await store.backupTo(abs);
  return abs;
}
