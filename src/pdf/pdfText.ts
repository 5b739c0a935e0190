// Writing English and Bengali into a PDF: fonts for both scripts, runs split by script, and the
// original text attached to every run (ActualText) so copying or extracting it gives what was written,
// not the glyph order Bengali shaping produces (a pre-base vowel sign is drawn before its consonant).
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

function fontFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file);
}

export const PDF_FONTS = {
  latin: fontFile('@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff'),
  latinBold: fontFile('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff'),
  bengali: fontFile('@fontsource/noto-sans-bengali', 'noto-sans-bengali-bengali-400-normal.woff'),
  bengaliBold: fontFile('@fontsource/noto-sans-bengali', 'noto-sans-bengali-bengali-700-normal.woff'),
} as const;

export type PdfDoc = PDFKit.PDFDocument;

/** A new A4 document with Kolorob's fonts registered; `language` sets the document's declared language. */
export function createPdf(options: {
  title: string;
  language: 'en' | 'bn';
  layout?: 'portrait' | 'landscape';
  margin?: number;
}): PdfDoc {
  const doc = new PDFDocument({
    size: 'A4',
    layout: options.layout ?? 'portrait',
    margin: options.margin ?? 56,
    lang: options.language === 'bn' ? 'bn-BD' : 'en',
    info: { Title: options.title, Creator: 'Kolorob' },
    displayTitle: true,
    bufferPages: true,
  });
  doc.registerFont('latin', PDF_FONTS.latin);
  doc.registerFont('latin-bold', PDF_FONTS.latinBold);
  doc.registerFont('bengali', PDF_FONTS.bengali);
  doc.registerFont('bengali-bold', PDF_FONTS.bengaliBold);
  doc.font('latin');
  return doc;
}

export interface ScriptRun {
  text: string;
  bengali: boolean;
}

// The Bengali block plus the danda and double danda, which the Latin font lacks.
const BENGALI = /[\u0964\u0965\u0980-\u09FF]/;
/** Characters that belong to whichever script surrounds them. The Bengali font has no Latin digits or
 *  punctuation, so only spaces and joiners may stay in a Bengali run. */
const NEUTRAL = /^(?:\s|\u200C|\u200D)$/;

/** Splits text into runs of Bengali and of everything else; spaces and punctuation join the run they are in. */
export function splitByScript(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const bengali = BENGALI.test(char);
    if (last && (last.bengali === bengali || (NEUTRAL.test(char) && !BENGALI.test(char)))) {
      last.text += char;
    } else {
      runs.push({ text: char, bengali });
    }
  }
  return runs;
}

export interface TextOptions extends PDFKit.Mixins.TextOptions {
  size?: number;
  bold?: boolean;
  color?: string;
}

/**
 * Writes a paragraph of mixed English and Bengali at the current position (or at x, y), choosing the font
 * per run and attaching the original text so extraction reads it back in logical order.
 */
export function writeText(
  doc: PdfDoc,
  text: string,
  options: TextOptions = {},
  x?: number,
  y?: number,
): void {
  const { size = 12, bold = false, color = '#1f2933', ...textOptions } = options;
  const runs = splitByScript(text.length > 0 ? text : ' ');
  doc.fontSize(size).fillColor(color);
  doc.markContent('Span', { actual: text } as PDFKit.Mixins.MarkingOptions);
  // Both fonts sit on the Latin font's baseline; the Bengali font's own ascender is lower, which would
  // lift Bengali runs above the English around them.
  doc.font(bold ? 'latin-bold' : 'latin');
  const baseline = -latinAscender(doc) * size;
  runs.forEach((run, index) => {
    const font = run.bengali ? 'bengali' : 'latin';
    doc.font(bold ? `${font}-bold` : font);
    const continued = index < runs.length - 1;
    const runOptions = { ...textOptions, continued, ...(run.bengali ? { baseline } : {}) };
    if (index === 0 && x !== undefined && y !== undefined) {
      doc.text(run.text, x, y, runOptions);
    } else {
      doc.text(run.text, runOptions);
    }
  });
  doc.endMarkedContent();
}

/** The current (Latin) font's ascender as a fraction of the font size. */
function latinAscender(doc: PdfDoc): number {
  return (doc as unknown as { _font: { ascender: number } })._font.ascender / 1000;
}

/** The finished document as bytes. */
export function pdfBytes(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
