/**
 * The Electron PDF adapter with Electron replaced by a recording stand-in (the pattern of
 * main-process.test.ts): what it loads, which print options reach printToPDF, that network
 * requests are refused, and that the window and the temporary file are always cleaned up.
 */
import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const state = {
    loaded: '' as string,
    html: '' as string,
    printOptions: null as Record<string, unknown> | null,
    destroyed: 0,
    filter: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    fail: false,
    prefs: null as Record<string, unknown> | null,
    navigation: null as null | ((e: { preventDefault(): void }) => void),
    openHandler: null as null | (() => { action: string }),
  };
  class FakeWindow {
    private dead = false;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      state.prefs = options.webPreferences;
    }
    webContents = {
      on: (event: string, fn: (e: { preventDefault(): void }) => void) => {
        if (event === 'will-navigate') state.navigation = fn;
      },
      setWindowOpenHandler: (fn: () => { action: string }) => void (state.openHandler = fn),
      session: { webRequest: { onBeforeRequest: (fn: typeof state.filter) => void (state.filter = fn) } },
      printToPDF: async (o: Record<string, unknown>) => {
        state.printOptions = o;
        if (state.fail) throw new Error('print failed');
        return Buffer.from('%PDF-1.4 fake');
      },
    };
    async loadFile(file: string) {
      state.loaded = file;
      state.html = fs.readFileSync(file, 'utf8');
    }
    isDestroyed() {
      return this.dead;
    }
    destroy() {
      this.dead = true;
      state.destroyed++;
    }
  }
  return { state, electron: { BrowserWindow: FakeWindow } };
});

vi.mock('electron', () => fake.electron);

const { printWithElectron } = await import('./report-pdf');

describe('printWithElectron', () => {
  it('prints the HTML from a temporary file with the paper size and page-number templates', async () => {
    const pdf = await printWithElectron('<html><body>Rack A01</body></html>', { paper: 'letter', headerTemplate: '<div>H</div>', footerTemplate: '<span class="pageNumber"></span>' });
    expect(Buffer.from(pdf).toString()).toContain('%PDF');
    expect(fake.state.html).toContain('Rack A01');
    expect(fake.state.printOptions).toMatchObject({ pageSize: { width: 8.5, height: 11 }, displayHeaderFooter: true, printBackground: true, footerTemplate: '<span class="pageNumber"></span>' });
    expect(fs.existsSync(fake.state.loaded)).toBe(false);
    expect(fake.state.destroyed).toBe(1);
    const decide = (url: string) => new Promise<boolean>((resolve) => fake.state.filter!({ url }, (r) => resolve(r.cancel)));
    expect(await decide('https://example.com/logo.png')).toBe(true);
    expect(await decide(`file://${fake.state.loaded}`)).toBe(false);
  });

  it('prints in a locked-down window: no scripts, isolated, sandboxed, no navigation or new windows', async () => {
    await printWithElectron('<html></html>', { paper: 'a4', headerTemplate: '', footerTemplate: '' });
    expect(fake.state.prefs).toMatchObject({ javascript: false, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    let prevented = false;
    fake.state.navigation!({ preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.state.openHandler!()).toEqual({ action: 'deny' });
  });

  it('cleans up when printing fails, and refuses to start when already cancelled', async () => {
    fake.state.fail = true;
    const before = fake.state.destroyed;
    await expect(printWithElectron('<p>x</p>', { paper: 'a4', headerTemplate: '', footerTemplate: '' })).rejects.toThrow('print failed');
    expect(fake.state.destroyed).toBe(before + 1);
    expect(fs.existsSync(fake.state.loaded)).toBe(false);
    fake.state.fail = false;
    const ac = new AbortController();
    ac.abort();
    await expect(printWithElectron('<p>x</p>', { paper: 'a4', headerTemplate: '', footerTemplate: '', signal: ac.signal })).rejects.toThrow();
    expect(fake.state.destroyed).toBe(before + 1);
  });
});
