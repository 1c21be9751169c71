/**
 * The report bench (issue 6 §7): the design report of a 1,000-rack site to PDF, through the same
 * path as `plenum report` (snapshot + history from the file, HTML, headless Chromium, printed twice
 * for the contents' page numbers). Prints the seconds of each phase and the page count. `BENCH_ONLY=report npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseInterchangeText } from '../core/interchange/plenum1';
import { designReportHtml, fillTocPages, pdfHeaderFooter } from '../core/report/design';
import { pdfPageCount } from '../electron/cli/report';
import { findingTranslator } from '../electron/report/finding-text';
import { readRevisionHistory } from '../electron/report/history';
import { pdfDestinationPages } from '../electron/report/pdf-dests';
import { findBrowser, htmlToPdf } from '../electron/report/pdf';
import { ProjectStore } from '../electron/store/project-store';
import { generateSite } from './generate';

export const REPORT_RACKS = 1000;

export async function benchReport(dir: string, racks = REPORT_RACKS): Promise<void> {
  console.log(`Design report: ${racks.toLocaleString('en-US')} racks to PDF`);
  try {
    findBrowser();
  } catch (e) {
    console.log(`  skipped: ${(e as Error).message}`);
    return;
  }
  const file = path.join(dir, 'report.plenum');
  const parsed = parseInterchangeText(JSON.stringify(generateSite(racks, 20)));
  if (!parsed.ok) throw new Error(parsed.issues[0]!.message);
  const created = ProjectStore.create(file, { name: 'Report bench' });
  created.execute('document.import', { document: parsed.value });
  created.close();

  const t0 = performance.now();
  const store = ProjectStore.open(file, { readOnly: true });
  const snapshot = store.snapshot();
  store.close();
  const history = readRevisionHistory(file);
  const t1 = performance.now();
  const html = designReportHtml(snapshot, { history, revision: 'bench', findingText: findingTranslator('en') });
  const t2 = performance.now();
  const hf = pdfHeaderFooter(snapshot, { revision: 'bench' });
  const first = await htmlToPdf(html, { paper: 'a4', ...hf });
  const t3 = performance.now();
  // As `plenum report` does: a second print with the contents' page numbers.
  const pdf = await htmlToPdf(fillTocPages(html, pdfDestinationPages(first)), { paper: 'a4', ...hf });
  const t4 = performance.now();
  fs.writeFileSync(path.join(dir, 'report.pdf'), pdf);
  const s = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
  console.log(`  read project + history                              ${s(t1 - t0)}`);
  console.log(`  HTML (${(html.length / 1e6).toFixed(1)} MB)                                     ${s(t2 - t1)}`);
  console.log(`  PDF, first print (headless Chromium)                ${s(t3 - t2)}`);
  console.log(`  PDF, with contents page numbers (${(pdf.length / 1e6).toFixed(1)} MB)          ${s(t4 - t3)}`);
  console.log(`  total                                               ${s(t4 - t0)}   ${pdfPageCount(pdf) ?? '?'} pages\n`);
}
