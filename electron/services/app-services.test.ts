import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ApiResponse, ProjectInfo, RecentProject } from '../../core/api';
import { DEFAULT_PREFERENCES } from '../../core/api';
import { ProjectStore } from '../store/project-store';
import type { PlatformHooks } from './app-services';
import { AppServices, isAllowedExternalUrl } from './app-services';

let dir: string;
const services: AppServices[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-services-'));
});

afterEach(() => {
  for (const s of services.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function make(options: { userDataDir?: string; hooks?: PlatformHooks } = {}): AppServices {
  const s = new AppServices({ userDataDir: options.userDataDir ?? path.join(dir, 'user-data'), mode: 'browser', version: '9.9.9', platform: 'linux', ...(options.hooks ? { hooks: options.hooks } : {}) });
  services.push(s);
  return s;
}

function value<T>(res: ApiResponse<unknown>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

function newProjectFile(name = 'p.plenum', projectName = 'Services test'): string {
  const f = path.join(dir, name);
  const store = ProjectStore.create(f, { name: projectName });
  store.execute('room.create', { name: 'Hall', widthMm: 8000, depthMm: 8000 });
  store.close();
  return f;
}

async function withProject(): Promise<{ s: AppServices; roomId: string; events: ApiEvent[] }> {
  const s = make();
  const f = newProjectFile();
  value(await s.handle('project.open', { path: f }));
  const snap = value<{ rooms: Record<string, { id: string }> }>(await s.handle('doc.snapshot', {}));
  const events: ApiEvent[] = [];
  s.onEvent((e) => events.push(e));
  return { s, roomId: Object.keys(snap.rooms)[0]!, events };
}

describe('AppServices.handle argument checking', () => {
  it('answers invalid with the field when a base method gets bad arguments', async () => {
    const s = make();
    expect(await s.handle('project.open', {})).toMatchObject({ ok: false, error: { code: 'invalid', field: 'path' } });
    expect(await s.handle('prefs.set', { language: 'de' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'language' } });
    expect(await s.handle('shell.openExternal', { url: 'not a url' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'url' } });
  });

  it('answers invalid with the field when a command gets bad arguments', async () => {
    const { s, roomId } = await withProject();
    const res = await s.handle('cmd.rack.create', { roomId, xMm: 'left', yMm: 0 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid', field: 'xMm' } });
    const nested = await s.handle('cmd.rack.delete', { ids: [''] });
    expect(nested).toMatchObject({ ok: false, error: { code: 'invalid', field: 'ids[0]' } });
  });

  it('refuses unknown methods, including names inherited from Object.prototype, as invalid', async () => {
    // With a project open, so that a command name that slips through would reach the store.
    const { s } = await withProject();
    for (const method of ['nope', 'cmd.nope', 'toString', '__proto__', 'constructor', 'cmd.toString']) {
      const res = await s.handle(method, {});
      expect(res, method).toMatchObject({ ok: false, error: { code: 'invalid', field: 'method' } });
    }
  });

  it('answers no-project for document methods when nothing is open', async () => {
    const s = make();
    expect(await s.handle('doc.snapshot', {})).toMatchObject({ ok: false, error: { code: 'no-project' } });
    expect(await s.handle('cmd.room.create', { widthMm: 1, depthMm: 1 })).toMatchObject({ ok: false, error: { code: 'no-project' } });
  });

  it('never throws, even for arguments that are not objects', async () => {
    const s = make();
    await expect(s.handle('prefs.set', 'english')).resolves.toMatchObject({ ok: false, error: { code: 'invalid' } });
    await expect(s.handle('cmd.room.create', null)).resolves.toMatchObject({ ok: false });
  });
});

describe('AppServices change events', () => {
  it('emits doc.changed with the command changes when cmd.rack.create runs', async () => {
    const { s, roomId, events } = await withProject();
    const res = value<{ result: { id: string }; seq: number }>(await s.handle('cmd.rack.create', { roomId, name: 'A01', xMm: 100, yMm: 200 }));
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e).toMatchObject({ type: 'doc.changed', seq: res.seq, source: 'command' });
    if (e.type !== 'doc.changed') throw new Error('wrong event');
    expect(e.changes).toEqual([{ op: 'put', kind: 'racks', entity: expect.objectContaining({ id: res.result.id, name: 'A01', roomId, xMm: 100, yMm: 200, uHeight: 42 }) }]);
    expect(e.history).toMatchObject({ canUndo: true, canRedo: false, undo: { seq: res.seq, command: 'rack.create', detail: 'A01' } });
  });

  it('emits doc.changed for undo and redo, with the inverse and the forward changes', async () => {
    const { s, roomId, events } = await withProject();
    const res = value<{ result: { id: string }; seq: number }>(await s.handle('cmd.rack.create', { roomId, xMm: 0, yMm: 0 }));
    const undoState = value<{ canRedo: boolean }>(await s.handle('history.undo', {}));
    expect(undoState.canRedo).toBe(true);
    value(await s.handle('history.redo', {}));

    expect(events.map((e) => (e.type === 'doc.changed' ? e.source : e.type))).toEqual(['command', 'undo', 'redo']);
    const [, undo, redo] = events;
    expect(undo).toMatchObject({ type: 'doc.changed', seq: res.seq, changes: [{ op: 'delete', kind: 'racks', id: res.result.id }], history: { canRedo: true } });
    expect(redo).toMatchObject({ type: 'doc.changed', seq: res.seq, changes: [{ op: 'put', kind: 'racks', entity: { id: res.result.id } }], history: { canRedo: false } });
  });

  it('emits nothing when there is nothing to undo or redo', async () => {
    const s = make();
    value(await s.handle('project.create', { path: path.join(dir, 'fresh'), name: 'Fresh' }));
    const events: ApiEvent[] = [];
    s.onEvent((e) => events.push(e));
    expect(value(await s.handle('history.undo', {}))).toEqual({ canUndo: false, canRedo: false, undo: null, redo: null });
    expect(value(await s.handle('history.redo', {}))).toEqual({ canUndo: false, canRedo: false, undo: null, redo: null });
    expect(events).toEqual([]);
  });

  it('emits no event for a refused command', async () => {
    const { s, events } = await withProject();
    const res = await s.handle('cmd.room.create', { name: 'hall', widthMm: 10, depthMm: 10 });
    expect(res).toMatchObject({ ok: false, error: { code: 'conflict', field: 'name' } });
    expect(events).toEqual([]);
  });
});

describe('shell.openExternal', () => {
  it('refuses URLs off the allow-list with code forbidden and never calls the platform', async () => {
    const openExternal = vi.fn(async () => undefined);
    const s = make({ hooks: { openExternal, openProjectDialog: async () => null, saveProjectDialog: async () => null } });
    for (const url of [
      'https://evil.example/',
      'http://github.com/netbox-community/devicetype-library',
      'https://github.com/netbox-community/devicetype-library-evil',
      'https://github.com/netbox-community/devicetype-library.evil.com/',
      'https://user:pw@github.com/netbox-community/devicetype-library',
      'https://github.com/netbox-community/devicetype-library/../../evil/repo',
      'file:///etc/passwd',
    ]) {
      expect(await s.handle('shell.openExternal', { url }), url).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'url' } });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens an allow-listed URL through the platform hook', async () => {
    const openExternal = vi.fn(async () => undefined);
    const s = make({ hooks: { openExternal, openProjectDialog: async () => null, saveProjectDialog: async () => null } });
    const url = 'https://github.com/netbox-community/devicetype-library/tree/master/device-types';
    expect(await s.handle('shell.openExternal', { url })).toEqual({ ok: true, value: null });
    expect(openExternal).toHaveBeenCalledWith(url);
  });

  it('answers unsupported for an allowed URL in browser mode without hooks', async () => {
    const s = make();
    expect(await s.handle('shell.openExternal', { url: 'https://netbox.readthedocs.io/en/stable/' })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });

  it('accepts exactly the listed prefixes', () => {
    expect(isAllowedExternalUrl('https://www.ashrae.org/')).toBe(true);
    expect(isAllowedExternalUrl('https://www.ashrae.org.evil.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com/netbox-community/devicetype-library')).toBe(true);
  });
});

describe('user data', () => {
  it('keeps preferences across AppServices instances that share a user-data folder', async () => {
    const userDataDir = path.join(dir, 'shared-user-data');
    const first = make({ userDataDir });
    expect(value(await first.handle('prefs.get', {}))).toEqual(DEFAULT_PREFERENCES);
    const events: ApiEvent[] = [];
    first.onEvent((e) => events.push(e));
    expect(value(await first.handle('prefs.set', { language: 'fr', theme: 'dark' }))).toEqual({ language: 'fr', units: 'metric', theme: 'dark' });
    expect(events).toEqual([{ type: 'prefs.changed', prefs: { language: 'fr', units: 'metric', theme: 'dark' } }]);
    first.close();

    const second = make({ userDataDir });
    expect(value(await second.handle('prefs.get', {}))).toEqual({ language: 'fr', units: 'metric', theme: 'dark' });
    value(await second.handle('prefs.set', { units: 'imperial' }));
    expect(value(await make({ userDataDir }).handle('prefs.get', {}))).toEqual({ language: 'fr', units: 'imperial', theme: 'dark' });
  });

  it('falls back to the default preferences when preferences.json is damaged', async () => {
    const userDataDir = path.join(dir, 'ud');
    fs.mkdirSync(userDataDir);
    fs.writeFileSync(path.join(userDataDir, 'preferences.json'), '{ not json');
    expect(value(await make({ userDataDir }).handle('prefs.get', {}))).toEqual(DEFAULT_PREFERENCES);
  });

  it('puts an opened project at the top of the recent list, with its name', async () => {
    const s = make();
    const a = newProjectFile('a.plenum', 'Project A');
    const b = newProjectFile('b.plenum', 'Project B');
    value(await s.handle('project.open', { path: a }));
    value(await s.handle('project.open', { path: b }));
    let recent = value<RecentProject[]>(await s.handle('recent.list', {}));
    expect(recent.map((r) => [r.path, r.name, r.exists])).toEqual([[b, 'Project B', true], [a, 'Project A', true]]);
    value(await s.handle('project.open', { path: a }));
    recent = value<RecentProject[]>(await s.handle('recent.list', {}));
    expect(recent.map((r) => r.path)).toEqual([a, b]);
  });

  it('emits project.changed when a project is opened and when it is closed', async () => {
    const s = make();
    const events: ApiEvent[] = [];
    s.onEvent((e) => events.push(e));
    const f = newProjectFile();
    value(await s.handle('project.open', { path: f }));
    value(await s.handle('project.close', {}));
    expect(events).toEqual([
      { type: 'project.changed', project: expect.objectContaining({ path: f, name: 'Services test' }) },
      { type: 'project.changed', project: null },
    ]);
    expect(value(await s.handle('project.current', {}))).toBeNull();
  });
});

describe('openOnStartup', () => {
  it('creates and opens the demo project on a first start with an empty user-data folder', async () => {
    const userDataDir = path.join(dir, 'first-start');
    const s = make({ userDataDir });
    const info = (await s.openOnStartup())!;
    const demo = path.join(userDataDir, 'Demo site.plenum');
    expect(info).toMatchObject({ path: demo, readOnly: false, name: 'Demo site — Lyon DC1' });
    expect(info.counts.rooms).toBe(2);
    expect(info.counts.racks).toBe(30);
    expect(fs.existsSync(demo)).toBe(true);
    expect(value<ProjectInfo>(await s.handle('project.current', {})).path).toBe(demo);
    expect(value<RecentProject[]>(await s.handle('recent.list', {})).map((r) => r.path)).toEqual([demo]);
  });

  it('reopens the most recent project instead of the demo on a later start', async () => {
    const userDataDir = path.join(dir, 'later-start');
    const f = newProjectFile();
    const first = make({ userDataDir });
    value(await first.handle('project.open', { path: f }));
    first.close();
    const info = (await make({ userDataDir }).openOnStartup())!;
    expect(info.path).toBe(f);
    expect(fs.existsSync(path.join(userDataDir, 'Demo site.plenum'))).toBe(false);
  });
});
