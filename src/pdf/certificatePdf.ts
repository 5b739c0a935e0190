// The certificate a person receives for passing a certification exam: one landscape A4 page in the
// certificate's language, with the holder's name, the certification, the date, the code and a QR code that
// opens the public verification page.
import QRCode from 'qrcode';
import { createPdf, type PdfDoc, pdfBytes, splitByScript } from './pdfText.ts';

export interface CertificatePdfInput {
  code: string;
  holderName: string;
  title: string;
  language: 'en' | 'bn';
  issuedAt: Date;
  /** The public page that confirms this certificate; printed and encoded in the QR code. */
  verifyUrl: string;
}

const LABELS = {
  en: {
    heading: 'Certificate of achievement',
    certifies: 'This certifies that',
    passed: 'has passed the certification exam',
    date: 'Date',
    code: 'Certificate code',
    verify: 'Scan or visit to verify',
    academy: 'Academy',
  },
  bn: {
    heading: 'অর্জনের সনদ',
    certifies: 'এই মর্মে প্রত্যয়ন করা হচ্ছে যে',
    passed: 'সফলভাবে নিচের সার্টিফিকেশন পরীক্ষায় উত্তীর্ণ হয়েছেন',
    date: 'তারিখ',
    code: 'সনদ নম্বর',
    verify: 'যাচাই করতে স্ক্যান করুন বা দেখুন',
    academy: 'একাডেমি',
  },
} as const;

const INK = '#1c2233';
const MUTED = '#4f5870';
const INDIGO = '#312e81';
const PRIMARY = '#4338ca';
const GOLD = '#b7791f';
const PAPER = '#fffdf8';

/** Dates are printed as they fall in Bangladesh, in the certificate's language (Bengali digits for bn). */
export function formatCertificateDate(date: Date, language: 'en' | 'bn'): string {
  return new Intl.DateTimeFormat(language === 'bn' ? 'bn-BD' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Dhaka',
    numberingSystem: language === 'bn' ? 'beng' : 'latn',
  }).format(date);
}

function fontFor(bengali: boolean, bold: boolean): string {
  return `${bengali ? 'bengali' : 'latin'}${bold ? '-bold' : ''}`;
}

/**
 * Punctuation and digits that splitByScript keeps in a Bengali run although the Bengali font has no glyph
 * for them (the comma in "১৫ মার্চ, ২০২৬", the dot in "মো. রফিক"): they are set in the Latin font.
 */
const NEEDS_LATIN_FONT = /[.,;:!?'"()\-–—/0-9]+/g;

function pieces(text: string): string[] {
  const result: string[] = [];
  let last = 0;
  for (const match of text.matchAll(NEEDS_LATIN_FONT)) {
    if (match.index > last) result.push(text.slice(last, match.index));
    result.push(match[0]);
    last = match.index + match[0].length;
  }
  if (last < text.length) result.push(text.slice(last));
  return result;
}

/** Width of mixed-script text as writeText sets it (each run shaped in its own font). */
function measure(doc: PdfDoc, text: string, size: number, bold: boolean): number {
  return pieces(text)
    .flatMap((piece) => splitByScript(piece))
    .reduce((width, run) => {
      doc.font(fontFor(run.bengali, bold)).fontSize(size);
      return width + doc.widthOfString(run.text);
    }, 0);
}

/**
 * Writes one line starting at (x, y) without wrapping, like writeText: one marked span carrying the
 * original text (so extraction reads it back in logical order), each run in its script's font, and the
 * punctuation and digits in the Latin font.
 */
function writeLine(doc: PdfDoc, text: string, x: number, y: number, style: TextStyle): void {
  const runs = pieces(text).flatMap((piece) => splitByScript(piece));
  doc.fontSize(style.size).fillColor(style.color);
  doc.markContent('Span', { actual: text } as PDFKit.Mixins.MarkingOptions);
  runs.forEach((run, index) => {
    doc.font(fontFor(run.bengali, style.bold));
    // Latin and Bengali fonts have different ascents: sitting every run on one baseline keeps them level.
    const options = { continued: index < runs.length - 1, lineBreak: false, baseline: 'alphabetic' as const };
    if (index === 0) doc.text(run.text, x, y + style.size * 1.05, options);
    else doc.text(run.text, options);
  });
  doc.endMarkedContent();
}

interface TextStyle {
  size: number;
  bold: boolean;
  color: string;
}

/** Splits text into lines no wider than maxWidth at the given size, breaking between words. */
function wrap(doc: PdfDoc, text: string, size: number, bold: boolean, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(doc, candidate, size, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

interface LineStyle {
  size: number;
  /** Long text shrinks to this size before it wraps. */
  minSize?: number;
  bold?: boolean;
  color?: string;
  maxWidth: number;
  maxLines?: number;
  /** Only work out where the text would end. */
  dryRun?: boolean;
}

/**
 * Writes text centred on `centerX` with its top at `y`: on one line when it fits (shrinking towards
 * minSize first), otherwise wrapped over at most maxLines. Answers the y below the last line.
 */
function centred(doc: PdfDoc, text: string, centerX: number, y: number, style: LineStyle): number {
  const bold = style.bold ?? false;
  let size = style.size;
  const minSize = style.minSize ?? style.size;
  while (size > minSize && measure(doc, text, size, bold) > style.maxWidth) size -= 1;
  let lines = wrap(doc, text, size, bold, style.maxWidth);
  if (lines.length === 0) lines = [''];
  if (style.maxLines && lines.length > style.maxLines) {
    const kept = lines.slice(0, style.maxLines - 1);
    kept.push(lines.slice(style.maxLines - 1).join(' '));
    lines = kept;
  }
  const lineHeight = size * 1.45;
  lines.forEach((line, index) => {
    const width = measure(doc, line, size, bold);
    const x = centerX - width / 2;
    if (!style.dryRun)
      writeLine(doc, line, x, y + index * lineHeight, { size, bold, color: style.color ?? INK });
  });
  return y + lines.length * lineHeight;
}

/** The QR code as vector squares, so it stays sharp at any zoom and on paper. */
function drawQrCode(doc: PdfDoc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + quiet * 2);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (qr.modules.data[row * count + col]) {
        doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell + 0.05, cell + 0.05);
      }
    }
  }
  doc.fill(INK);
  doc.restore();
  doc.link(x, y, size, size, text);
}

function drawFrame(doc: PdfDoc, width: number, height: number): void {
  doc.save();
  doc.rect(0, 0, width, height).fill(PAPER);
  doc
    .lineWidth(7)
    .strokeColor(INDIGO)
    .rect(20, 20, width - 40, height - 40)
    .stroke();
  doc
    .lineWidth(1.2)
    .strokeColor(GOLD)
    .rect(32, 32, width - 64, height - 64)
    .stroke();
  // A small gold diamond in each corner of the inner frame.
  for (const [cx, cy] of [
    [32, 32],
    [width - 32, 32],
    [32, height - 32],
    [width - 32, height - 32],
  ] as const) {
    doc
      .moveTo(cx, cy - 7)
      .lineTo(cx + 7, cy)
      .lineTo(cx, cy + 7)
      .lineTo(cx - 7, cy)
      .closePath()
      .fill(GOLD);
  }
  doc.restore();
}

/** Kolorob's mark (the rounded square with its K) and name, centred at the top. */
function drawBrand(doc: PdfDoc, centerX: number, y: number, academy: string): void {
  const name = 'Kolorob';
  const size = 16;
  const gap = 8;
  const mark = 24;
  const subtitle = ` · ${academy}`;
  const nameWidth = measure(doc, name, size, true);
  const left = centerX - (mark + gap + nameWidth + measure(doc, subtitle, size, false)) / 2;
  doc.save();
  doc.roundedRect(left, y, mark, mark, 6).fill(PRIMARY);
  doc.restore();
  // The K is part of the picture, not text to read out or extract.
  doc.markContent('Artifact', { type: 'Layout' } as PDFKit.Mixins.MarkingOptions);
  doc.font('latin-bold').fontSize(15).fillColor('#ffffff');
  doc.text('K', left, y + 3.5, { width: mark, align: 'center', lineBreak: false });
  doc.endMarkedContent();
  writeLine(doc, name, left + mark + gap, y + 1, { size, bold: true, color: INDIGO });
  writeLine(doc, subtitle, left + mark + gap + nameWidth, y + 1, { size, bold: false, color: MUTED });
}

function rule(doc: PdfDoc, centerX: number, y: number, halfWidth: number, color: string, lineWidth: number) {
  doc
    .save()
    .lineWidth(lineWidth)
    .strokeColor(color)
    .moveTo(centerX - halfWidth, y)
    .lineTo(centerX + halfWidth, y)
    .stroke()
    .restore();
}

/** Renders the certificate as a one-page PDF. */
export async function certificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const labels = LABELS[input.language];
  const doc = createPdf({
    title: `${labels.heading}: ${input.title} (${input.code})`,
    language: input.language,
    layout: 'landscape',
    margin: 0,
  });
  const width = doc.page.width;
  const height = doc.page.height;
  const centerX = width / 2;
  const textWidth = width - 180;

  drawFrame(doc, width, height);
  drawBrand(doc, centerX, 62, labels.academy);

  // The heading, name and title, centred in the space between the brand and the row at the bottom.
  const main = (top: number, dryRun: boolean): number => {
    let y = centred(doc, labels.heading, centerX, top, {
      size: 32,
      bold: true,
      color: INDIGO,
      maxWidth: textWidth,
      dryRun,
    });
    if (!dryRun) rule(doc, centerX, y + 6, 60, GOLD, 1.5);
    y = centred(doc, labels.certifies, centerX, y + 30, {
      size: 13,
      color: MUTED,
      maxWidth: textWidth,
      dryRun,
    });
    y = centred(doc, input.holderName, centerX, y + 8, {
      size: 38,
      minSize: 24,
      bold: true,
      maxWidth: textWidth,
      maxLines: 2,
      dryRun,
    });
    if (!dryRun) rule(doc, centerX, y + 4, 220, '#c9cedb', 0.8);
    y = centred(doc, labels.passed, centerX, y + 20, { size: 13, color: MUTED, maxWidth: textWidth, dryRun });
    return centred(doc, input.title, centerX, y + 8, {
      size: 24,
      minSize: 16,
      bold: true,
      color: PRIMARY,
      maxWidth: textWidth,
      maxLines: 2,
      dryRun,
    });
  };
  const top = 100;
  const bottom = 400;
  const used = main(0, true);
  main(top + Math.max(0, (bottom - top - used) / 2), false);

  // Date on the left, code in the middle, QR code on the right, all above the verification address.
  const rowY = 432;
  const qrSize = 92;
  const columnWidth = 210;
  const leftX = 150;
  rule(doc, leftX, rowY - 8, 80, GOLD, 0.8);
  centred(doc, labels.date, leftX, rowY, { size: 10, color: MUTED, maxWidth: columnWidth });
  centred(doc, formatCertificateDate(input.issuedAt, input.language), leftX, rowY + 18, {
    size: 15,
    bold: true,
    maxWidth: columnWidth,
  });
  rule(doc, centerX, rowY - 8, 80, GOLD, 0.8);
  centred(doc, labels.code, centerX, rowY, { size: 10, color: MUTED, maxWidth: columnWidth });
  centred(doc, input.code, centerX, rowY + 18, {
    size: 17,
    bold: true,
    color: INDIGO,
    maxWidth: columnWidth,
  });
  drawQrCode(doc, input.verifyUrl, width - 150 - qrSize / 2, rowY - 30, qrSize);

  const urlY = 524;
  centred(doc, labels.verify, centerX, urlY, { size: 9, color: MUTED, maxWidth: textWidth });
  const urlWidth = measure(doc, input.verifyUrl, 10, false);
  centred(doc, input.verifyUrl, centerX, urlY + 13, { size: 10, color: PRIMARY, maxWidth: textWidth });
  doc.link(centerX - urlWidth / 2, urlY + 13, urlWidth, 14, input.verifyUrl);

  return pdfBytes(doc);
}
