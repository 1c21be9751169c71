/**
 * Which page each named destination of a Chromium PDF lands on. Chromium writes every `id` that
 * a link points to as a named destination (`/Dests << /bom [12 0 R /XYZ …] >>`) in plain
 * (uncompressed) objects, so the table of contents can get real page numbers from a first print:
 * print, read the destinations, fill the numbers in, print again.
 */
import { fillTocPages } from '../../core/report/design';
import { htmlToPdf, type PdfOptions } from './pdf';

/** Decodes a PDF name's `#xx` escapes. */
const pdfName = (raw: string) => raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** Destination name → 1-based page number. Empty when the PDF has no named destinations. */
export function pdfDestinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(?:^|\s)(\d+) 0 obj\s*(<<[\s\S]*?>>)\s*(?:endobj|stream)/g)) objects.set(Number(m[1]), m[2]!);
  const result = new Map<string, number>();
  const catalog = [...objects.values()].find((o) => /\/Type\s*\/Catalog\b/.test(o));
  if (!catalog) return result;
  // Page order: a depth-first walk of the page tree's /Kids.
  const order = new Map<number, number>();
  const walk = (id: number, depth: number) => {
    const obj = objects.get(id);
    if (!obj || depth > 50) return;
    if (/\/Type\s*\/Pages\b/.test(obj)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(obj)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(obj)) order.set(id, order.size + 1);
  };
  const root = /\/Pages\s+(\d+) 0 R/.exec(catalog);
  if (root) walk(Number(root[1]), 0);
  const destsRef = /\/Dests\s+(\d+) 0 R/.exec(catalog);
  const dests = destsRef ? objects.get(Number(destsRef[1])) : /\/Dests\s*(<<[\s\S]*?>>)/.exec(catalog)?.[1];
  if (!dests) return result;
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = order.get(Number(m[2]));
    if (page !== undefined) result.set(pdfName(m[1]!), page);
  }
  return result;
}

/**
 * Prints a report's HTML to PDF with real page numbers in its contents: a first print, its
 * destinations read back, the numbers filled in (core/report/design.ts fillTocPages) and a
 * second print. The numbers sit on lines that already exist, so the layout, and therefore the
 * numbers, stay the same. Progress runs from `fromPct` to 100. Shared by every report.
 */
export async function printWithContentsPages(
  html: string,
  printOptions: PdfOptions,
  opts: { print?: ((html: string, o: PdfOptions) => Promise<Uint8Array>) | undefined; tocPages?: boolean | undefined; onProgress?: ((done: number, total: number, phase: string) => void) | undefined; fromPct: number },
): Promise<Uint8Array> {
  opts.onProgress?.(opts.fromPct, 100, 'pdf');
  const print = opts.print ?? htmlToPdf;
  const first = await print(html, printOptions);
  const pages = opts.tocPages === false ? new Map<string, number>() : pdfDestinationPages(first);
  if (pages.size === 0) {
    opts.onProgress?.(100, 100, 'done');
    return first;
  }
  opts.onProgress?.(Math.round((opts.fromPct + 100) / 2), 100, 'pdf (contents pages)');
  const pdf = await print(fillTocPages(html, pages), printOptions);
  opts.onProgress?.(100, 100, 'done');
  return pdf;
}
