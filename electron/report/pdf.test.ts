import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, htmlToPdf } from './pdf';
import { pdfDestinationPages } from './pdf-dests';

const hasBrowser = (() => {
  try {
    findBrowser();
    return true;
  } catch {
    return false;
  }
})();

describe('finding a browser', () => {
  it('looks where Chrome, Chromium and Edge install on each platform, PLENUM_CHROMIUM first', () => {
    expect(browserCandidates('linux', { PLENUM_CHROMIUM: '/opt/c/chrome' })).toEqual(expect.arrayContaining(['/opt/c/chrome', '/usr/bin/chromium', '/usr/bin/google-chrome']));
    expect(browserCandidates('linux', { PLENUM_CHROMIUM: '/opt/c/chrome' })[0]).toBe('/opt/c/chrome');
    expect(browserCandidates('darwin', {})).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const win = browserCandidates('win32', { PROGRAMFILES: 'C:\\Program Files' }).join('|');
    expect(win).toMatch(/Google[\\/]Chrome[\\/]Application[\\/]chrome\.exe/);
    expect(win).toMatch(/msedge\.exe/);
  });

  it('names every place it searched when there is no browser', () => {
    expect(() => findBrowser(['/nope/chrome', '/nope/msedge'], () => undefined)).toThrow(/none was found\. Searched: \/nope\/chrome, \/nope\/msedge, and Playwright's browsers.*--format html/);
    expect(findBrowser(['/nope/chrome'], () => '/from/playwright')).toBe('/from/playwright');
  });
});

describe.skipIf(!hasBrowser)('htmlToPdf', () => {
  it('prints A4 and Letter with page numbers from the footer template, and loads nothing remote', async () => {
    const html = '<!DOCTYPE html><html><body><h1>Rack A01</h1><img src="https://example.invalid/x.png"><div style="break-before:page">Second page</div></body></html>';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plenum-pdf-'));
    try {
      for (const [paper, size] of [['a4', /595(\.\d+)? x 841(\.\d+)? pts \(A4\)/], ['letter', /612(\.\d+)? x 792(\.\d+)? pts \(letter\)/]] as const) {
        const pdf = await htmlToPdf(html, { paper, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:8pt">P <span class="pageNumber"></span>/<span class="totalPages"></span></div>' });
        const file = path.join(dir, `${paper}.pdf`);
        fs.writeFileSync(file, pdf);
        expect(spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout).toMatch(size);
        const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' }).stdout;
        expect(text).toContain('Rack A01');
        expect(text).toContain('P 2/2');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('reads the page of every linked section from the PDF', async () => {
    const html = '<!DOCTYPE html><html><body><a href="#one">1</a> <a href="#three">3</a> <a href="#r_2-x">x</a><h1 id="one">One</h1>'
      + '<div style="break-before:page">Two</div><h1 id="three" style="break-before:page">Three</h1><p id="r_2-x">x</p></body></html>';
    const pdf = await htmlToPdf(html, { paper: 'a4', headerTemplate: '', footerTemplate: '' });
    expect(Object.fromEntries(pdfDestinationPages(pdf))).toEqual({ one: 1, three: 3, 'r_2-x': 3 });
    expect(pdfDestinationPages(new TextEncoder().encode('%PDF-1.4 no objects'))).toEqual(new Map());
  }, 60_000);

  it('stops with the abort reason when cancelled', async () => {
    const ac = new AbortController();
    const big = `<!DOCTYPE html><html><body>${'<p>row</p>'.repeat(200_000)}</body></html>`;
    const run = htmlToPdf(big, { paper: 'a4', headerTemplate: '', footerTemplate: '', signal: ac.signal });
    setTimeout(() => ac.abort(new Error('cancelled by the user')), 300);
    await expect(run).rejects.toThrow('cancelled by the user');
  }, 60_000);
});
