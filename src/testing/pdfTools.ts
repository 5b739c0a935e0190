// Reads generated PDFs back with Debian's poppler-utils: the text a reader would extract, and page images.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kolorob-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, pdf);
    return await fn(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The document's text as `pdftotext` extracts it, in reading order. */
export function pdfToText(pdf: Uint8Array): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout);
}

/** Every page rendered to PNG by `pdftoppm` at the given resolution. */
export function pdfToPngs(pdf: Uint8Array, dpi = 72): Promise<Buffer[]> {
  return withPdfFile(pdf, async (file, dir) => {
    await run('pdftoppm', ['-png', '-r', String(dpi), file, path.join(dir, 'page')]);
    const pages = (await readdir(dir)).filter((name) => name.endsWith('.png')).sort();
    return Promise.all(pages.map((name) => readFile(path.join(dir, name))));
  });
}

/** How many pages the document has, from `pdfinfo`. */
export async function pdfPageCount(pdf: Uint8Array): Promise<number> {
  return withPdfFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    const match = /^Pages:\s+(\d+)/m.exec(stdout);
    if (!match) throw new Error(`pdfinfo printed no page count:\n${stdout}`);
    return Number(match[1]);
  });
}
