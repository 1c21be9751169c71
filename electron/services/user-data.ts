/**
 * Per-user application data: preferences, the recent-projects list and rolling backups.
 * None of this lives in a project file. In Electron the directory is `app.getPath('userData')`;
 * under Node (CLI, `plenum serve`, tests) it is the same platform location, or PLENUM_USER_DATA.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Preferences, RecentProject } from '../../core/api';
import { DEFAULT_PREFERENCES, Preferences as PreferencesSchema } from '../../core/api';
import { z } from 'zod';

export function defaultUserDataDir(): string {
  if (process.env.PLENUM_USER_DATA) return path.resolve(process.env.PLENUM_USER_DATA);
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Plenum');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Plenum');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Plenum');
}

/** Writes via a temporary file and rename, so a crash never leaves half a JSON file. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const RecentEntry = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
const MAX_RECENT = 12;

export class UserData {
  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  preferences(): Preferences {
    const raw = readJson(this.file('preferences.json'));
    const parsed = PreferencesSchema.partial().safeParse(raw);
    return { ...DEFAULT_PREFERENCES, ...(parsed.success ? parsed.data : {}) };
  }

  setPreferences(patch: Partial<Preferences>): Preferences {
    const next = { ...this.preferences(), ...patch };
    writeJsonAtomic(this.file('preferences.json'), next);
    return next;
  }

  recent(): RecentProject[] {
    const raw = readJson(this.file('recent.json'));
    const parsed = z.array(RecentEntry).safeParse(raw);
    return (parsed.success ? parsed.data : []).map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
  }

  addRecent(filePath: string, name: string): void {
    const abs = path.resolve(filePath);
    const list = this.recent().filter((r) => r.path !== abs).map(({ exists: _e, ...r }) => r);
    list.unshift({ path: abs, name, openedAt: new Date().toISOString() });
    writeJsonAtomic(this.file('recent.json'), list.slice(0, MAX_RECENT));
  }

  removeRecent(filePath: string): RecentProject[] {
    const abs = path.resolve(filePath);
    writeJsonAtomic(this.file('recent.json'), this.recent().filter((r) => r.path !== abs).map(({ exists: _e, ...r }) => r));
    return this.recent();
  }

  backupsDir(): string {
    return this.file('backups');
  }

  /** Where New and Open start browsing: ~/Documents/Plenum, or PLENUM_PROJECTS_DIR (tests). */
  defaultProjectsDir(): string {
    if (process.env.PLENUM_PROJECTS_DIR) return path.resolve(process.env.PLENUM_PROJECTS_DIR);
    const docs = path.join(os.homedir(), 'Documents');
    return path.join(fs.existsSync(docs) ? docs : os.homedir(), 'Plenum');
  }
}
