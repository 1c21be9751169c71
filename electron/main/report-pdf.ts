/**
 * The app's PDF printer for reports: Electron's own Chromium (`webContents.printToPDF`) in a
 * hidden, script-less window, so the app never launches a second browser. Same print engine and
 * header/footer templates as the CLI's headless Chromium (electron/report/pdf.ts).
 *
 * Usage: `renderDesignReport(snapshot, { format: 'pdf', print: printWithElectron, … })`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BrowserWindow } from 'electron';
import { PAPERS } from '../../core/report/design';
import type { PdfOptions } from '../report/pdf';

const MM_PER_INCH = 25.4;

export async function printWithElectron(html: string, opts: PdfOptions): Promise<Uint8Array> {
  opts.signal?.throwIfAborted();
  // A file, not a data: URL: a 1,000-rack report is tens of megabytes.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-report-'));
  const file = path.join(dir, 'report.html');
  fs.writeFileSync(file, html);
  // Every security-relevant preference written out, as for the main window (window.ts): the report
  // is our own HTML, but the printing window is locked down all the same.
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      plugins: false,
      enableWebSQL: false,
      disableBlinkFeatures: 'Auxclick',
      partition: 'plenum-report',
      images: true,
    },
  });
  // No navigation and no new windows from the printed page.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Self-contained by construction; refusing everything but the file itself keeps printing offline.
  win.webContents.session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !(details.url.startsWith('file:') || details.url.startsWith('data:')) }));
  const onAbort = () => win.destroy();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await win.loadFile(file);
    opts.signal?.throwIfAborted();
    const paper = PAPERS[opts.paper];
    return await win.webContents.printToPDF({
      pageSize: { width: paper.widthMm / MM_PER_INCH, height: paper.heightMm / MM_PER_INCH },
      preferCSSPageSize: true, printBackground: true,
      displayHeaderFooter: true, headerTemplate: opts.headerTemplate, footerTemplate: opts.footerTemplate,
    });
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (!win.isDestroyed()) win.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
