/**
 * HTML → PDF with headless Chromium through playwright-core, for the CLI and the browser mode (the
 * app prints with Electron's own `webContents.printToPDF`, electron/main/report-pdf.ts). Both use
 * Chromium's print engine and the same header/footer templates, so the PDFs match.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PlenumError } from '../../core/model/errors';
import { PAPERS, type Paper } from '../../core/report/design';

/** Where Chrome, Chromium or Edge usually live, per platform (first hit wins). */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  const list: string[] = [];
  if (env.PLENUM_CHROMIUM) list.push(env.PLENUM_CHROMIUM);
  if (platform === 'win32') {
    for (const base of [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((b): b is string => Boolean(b))) {
      list.push(path.join(base, 'Google/Chrome/Application/chrome.exe'), path.join(base, 'Microsoft/Edge/Application/msedge.exe'), path.join(base, 'Chromium/Application/chrome.exe'));
    }
  } else if (platform === 'darwin') {
    list.push('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  } else {
    list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium');
  }
  return list;
}

/** Playwright's own downloaded Chromium, if `npx playwright install chromium` was run. */
function playwrightBrowser(): string | undefined {
  const root = process.env.PLAYWRIGHT_BROWSERS_PATH ?? path.join(os.homedir(), process.platform === 'win32' ? 'AppData/Local/ms-playwright' : process.platform === 'darwin' ? 'Library/Caches/ms-playwright' : '.cache/ms-playwright');
  let dirs: string[];
  try {
    dirs = fs.readdirSync(root).filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d)).sort().reverse();
  } catch {
    return undefined;
  }
  for (const d of dirs) {
    for (const rel of ['chrome-linux/chrome', 'chrome-linux/headless_shell', 'chrome-headless-shell-linux64/chrome-headless-shell', 'chrome-win/chrome.exe', 'chrome-mac/Chromium.app/Contents/MacOS/Chromium']) {
      const p = path.join(root, d, rel);
      if (fs.existsSync(p)) return p;
    }
  }
  return undefined;
}

/** The browser to print with, or a PlenumError naming every place that was searched. */
export function findBrowser(candidates: readonly string[] = browserCandidates(), fallback: () => string | undefined = playwrightBrowser): string {
  for (const c of candidates) if (fs.existsSync(c)) return c;
  const own = fallback();
  if (own) return own;
  throw new PlenumError(`PDF needs Chrome, Chromium or Edge, and none was found. Searched: ${candidates.join(', ')}, and Playwright's browsers. Install one, set PLENUM_CHROMIUM to its path, or use --format html`, 'io');
}

export interface PdfOptions {
  paper: Paper;
  headerTemplate: string;
  footerTemplate: string;
  signal?: AbortSignal;
}

/** Prints self-contained HTML to a PDF. No network: every request the page makes is refused. */
export async function htmlToPdf(html: string, opts: PdfOptions): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const executablePath = findBrowser();
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  const onAbort = () => void browser.close();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const page = await browser.newPage();
    // The report is self-contained; refusing requests proves it and keeps printing offline.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load', timeout: 600_000 });
    opts.signal?.throwIfAborted();
    const paper = PAPERS[opts.paper];
    return await page.pdf({
      width: `${paper.widthMm}mm`, height: `${paper.heightMm}mm`, preferCSSPageSize: true, printBackground: true,
      displayHeaderFooter: true, headerTemplate: opts.headerTemplate, footerTemplate: opts.footerTemplate,
    });
  } catch (e) {
    // Closing the browser on cancel fails the pending call; report the cancel, not the fallout.
    if (opts.signal?.aborted) throw opts.signal.reason;
    throw e;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    await browser.close().catch(() => {});
  }
}
