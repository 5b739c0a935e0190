// A person's resume as an A4 PDF in one of three templates, with headings and dates in English or Bengali.
// Every block is measured before it is placed, so long profiles continue on the next column or page and
// nothing is drawn over anything else; a block never splits across pages.
import type { ResumeEducation, ResumeExperience } from '../core/academy/academyTypes.ts';
import { createPdf, type PdfDoc, pdfBytes, splitByScript, writeText } from './pdfText.ts';

export const RESUME_TEMPLATES = ['classic', 'modern', 'compact'] as const;
export type ResumeTemplate = (typeof RESUME_TEMPLATES)[number];
export type ResumeLanguage = 'en' | 'bn';

export interface ResumeCertificate {
  title: string;
  code: string;
  issuedAt: Date;
  verifyUrl: string;
}

export interface ResumeData {
  name: string;
  headline: string;
  summary: string;
  location: string;
  /** Free text, one item (email, phone, website) per line. */
  contact: string;
  experience: ResumeExperience[];
  education: ResumeEducation[];
  skills: string[];
  certificates: ResumeCertificate[];
}

export interface ResumeOptions {
  template: ResumeTemplate;
  language: ResumeLanguage;
}

interface Labels {
  resume: string;
  summary: string;
  experience: string;
  education: string;
  skills: string;
  certificates: string;
  contact: string;
  present: string;
  code: string;
  verify: string;
  issued: string;
  page: (page: string, total: string) => string;
}

const LABELS: Record<ResumeLanguage, Labels> = {
  en: {
    resume: 'Resume',
    summary: 'Summary',
    experience: 'Experience',
    education: 'Education',
    skills: 'Skills',
    certificates: 'Certificates',
    contact: 'Contact',
    present: 'Present',
    code: 'Code',
    verify: 'Verify',
    issued: 'Issued',
    page: (page, total) => `Page ${page} of ${total}`,
  },
  bn: {
    resume: 'জীবনবৃত্তান্ত',
    summary: 'সারসংক্ষেপ',
    experience: 'অভিজ্ঞতা',
    education: 'শিক্ষা',
    skills: 'দক্ষতা',
    certificates: 'সনদপত্র',
    contact: 'যোগাযোগ',
    present: 'বর্তমান',
    code: 'কোড',
    verify: 'যাচাই',
    issued: 'প্রদান',
    page: (page, total) => `পৃষ্ঠা ${page} / ${total}`,
  },
};

export function resumeLabels(language: ResumeLanguage): Labels {
  return LABELS[language];
}

// ---------------------------------------------------------------------------------------------------
// Dates and numbers in the resume's language (Bengali digits for bn).

const intlTag = (language: ResumeLanguage) => (language === 'bn' ? 'bn-BD' : 'en-GB');
const numbering = (language: ResumeLanguage) => (language === 'bn' ? 'beng' : 'latn');

export function formatResumeNumber(value: number, language: ResumeLanguage): string {
  return new Intl.NumberFormat(intlTag(language), {
    numberingSystem: numbering(language),
    useGrouping: false,
  }).format(value);
}

/** "2021-03" as "Mar 2021" or "মার্চ ২০২১". */
export function formatResumeMonth(value: string, language: ResumeLanguage): string {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return value;
  return new Intl.DateTimeFormat(intlTag(language), {
    numberingSystem: numbering(language),
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}

/** A job's period: "Mar 2021 – Present"; an empty end shows the start alone. */
export function formatResumePeriod(start: string, end: string, language: ResumeLanguage): string {
  const from = start ? formatResumeMonth(start, language) : '';
  const to = end === 'present' ? LABELS[language].present : end ? formatResumeMonth(end, language) : '';
  return [from, to].filter(Boolean).join(' – ');
}

export function formatResumeYear(year: string, language: ResumeLanguage): string {
  return /^\d{4}$/.test(year) ? formatResumeNumber(Number(year), language) : year;
}

export function formatResumeDate(date: Date, language: ResumeLanguage): string {
  return new Intl.DateTimeFormat(intlTag(language), {
    numberingSystem: numbering(language),
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);
}

// ---------------------------------------------------------------------------------------------------
// Drawing: pieces stacked top to bottom inside a given width. The same code measures (on a scratch
// document) and draws (on the real one), so what was measured is exactly what is drawn.

interface Style {
  size: number;
  bold?: boolean;
  color?: string;
  lineGap?: number;
  characterSpacing?: number;
  align?: 'left' | 'center' | 'right';
  link?: string;
}

type Piece =
  | { kind: 'text'; text: string; style: Style; indent?: number }
  | { kind: 'row'; left: string; leftStyle: Style; right: string; rightStyle: Style }
  | { kind: 'gap'; height: number }
  | { kind: 'rule'; color: string; thickness: number; length?: number; align?: 'left' | 'center' }
  | ({ kind: 'chips'; items: string[] } & ChipStyle);

interface ChipStyle {
  style: Style;
  fill: string;
  padX: number;
  padY: number;
  gap: number;
}

/** A stack of pieces kept together on one column, with space above it unless it starts the column. */
interface Block {
  spaceBefore: number;
  pieces: Piece[];
}

/** Where a piece of text was drawn, in points from the page's top left. */
export interface TextBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
}

interface Frame {
  x: number;
  width: number;
  top: number;
  bottom: number;
}

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;

class Canvas {
  readonly doc: PdfDoc;
  private readonly scratch: PdfDoc;
  readonly boxes: TextBox[] = [];
  pages = 1;
  private current = 0;

  constructor(
    title: string,
    language: ResumeLanguage,
    private readonly preparePage: (canvas: Canvas, page: number) => void,
  ) {
    this.doc = createPdf({ title, language, margin: 0 });
    this.scratch = createPdf({ title: 'measure', language, margin: 0 });
    // A page far taller than any block, so measuring never starts a new page.
    this.scratch.addPage({ size: [PAGE_WIDTH, 40_000], margin: 0 });
    preparePage(this, 0);
  }

  /** Makes `page` current, adding (and preparing) pages up to it. */
  goTo(page: number): void {
    while (this.pages <= page) {
      this.doc.addPage();
      this.current = this.pages;
      this.pages += 1;
      this.preparePage(this, this.current);
    }
    if (page !== this.current) {
      this.doc.switchToPage(page);
      this.current = page;
    }
  }

  textWidth(text: string, style: Style): number {
    let width = 0;
    for (const run of splitByScript(text)) {
      const font = run.bengali ? 'bengali' : 'latin';
      this.scratch.font(style.bold ? `${font}-bold` : font).fontSize(style.size);
      width += this.scratch.widthOfString(run.text, { characterSpacing: style.characterSpacing ?? 0 });
    }
    return width;
  }

  textHeight(text: string, style: Style, width: number): number {
    writeText(this.scratch, text, textOptions(style, width), 0, 0);
    return this.scratch.y;
  }

  measure(pieces: Piece[], width: number): number {
    return this.render(this.scratch, pieces, 0, 0, width, false);
  }

  draw(pieces: Piece[], page: number, x: number, y: number, width: number): number {
    this.goTo(page);
    return this.render(this.doc, pieces, x, y, width, true);
  }

  /** Writes one paragraph at a fixed place, outside any flow (headers and footers). */
  writeAt(page: number, text: string, style: Style, x: number, y: number, width: number): number {
    return this.draw([{ kind: 'text', text, style }], page, x, y, width);
  }

  private text(
    doc: PdfDoc,
    text: string,
    style: Style,
    x: number,
    y: number,
    width: number,
    record: boolean,
  ) {
    const height =
      style.align === 'center' || style.align === 'right'
        ? this.alignedText(doc, text, style, x, y, width)
        : this.plainText(doc, text, style, x, y, width);
    if (record) this.boxes.push({ page: this.current, x, y, width, height, text });
    return height;
  }

  private plainText(doc: PdfDoc, text: string, style: Style, x: number, y: number, width: number): number {
    writeText(doc, text, textOptions(style, width), x, y);
    return doc.y - y;
  }

  /**
   * Centred or right-aligned text, broken into lines here and each line placed by its measured width:
   * PDFKit aligns each script run on its own, which scatters a line that mixes English and Bengali.
   */
  private alignedText(doc: PdfDoc, text: string, style: Style, x: number, y: number, width: number): number {
    let top = y;
    for (const line of this.wrap(text, style, width)) {
      const lineWidth = this.textWidth(line, style);
      if (lineWidth > width) {
        top += this.plainText(doc, line, { ...style, align: 'left' }, x, top, width);
        continue;
      }
      const offset = style.align === 'center' ? (width - lineWidth) / 2 : width - lineWidth;
      // A little spare width so rounding never wraps the line PDFKit is given.
      top += this.plainText(doc, line, { ...style, align: 'left' }, x + offset, top, lineWidth + 4);
    }
    return top - y;
  }

  /** Greedy line breaking at spaces, by the same widths PDFKit uses. */
  private wrap(text: string, style: Style, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (line && this.textWidth(candidate, style) > width) {
          lines.push(line.trim());
          line = word;
        } else {
          line = candidate;
        }
      }
      lines.push(line.trim());
    }
    return lines;
  }

  private render(doc: PdfDoc, pieces: Piece[], x: number, y: number, width: number, record: boolean): number {
    let top = y;
    for (const piece of pieces) {
      switch (piece.kind) {
        case 'gap':
          top += piece.height;
          break;
        case 'text': {
          const indent = piece.indent ?? 0;
          top += this.text(doc, piece.text, piece.style, x + indent, top, width - indent, record);
          break;
        }
        case 'row': {
          const rightWidth = piece.right
            ? Math.min(this.textWidth(piece.right, piece.rightStyle) + 2, width / 2)
            : 0;
          const leftWidth = piece.right ? width - rightWidth - 10 : width;
          const left = this.text(doc, piece.left, piece.leftStyle, x, top, leftWidth, record);
          let right = 0;
          if (piece.right) {
            // Baselines line up when the smaller text sits a little lower.
            const drop = Math.max(0, (piece.leftStyle.size - piece.rightStyle.size) * 0.9);
            const style = { ...piece.rightStyle, align: 'right' as const };
            right =
              drop +
              this.text(doc, piece.right, style, x + width - rightWidth, top + drop, rightWidth, record);
          }
          top += Math.max(left, right);
          break;
        }
        case 'rule': {
          const length = piece.length ?? width;
          const start = piece.align === 'center' ? x + (width - length) / 2 : x;
          doc
            .save()
            .moveTo(start, top + piece.thickness / 2)
            .lineTo(start + length, top + piece.thickness / 2)
            .lineWidth(piece.thickness)
            .strokeColor(piece.color)
            .stroke()
            .restore();
          top += piece.thickness;
          break;
        }
        case 'chips':
          top += this.chips(doc, piece, x, top, width, record);
          break;
      }
    }
    return top - y;
  }

  private chips(
    doc: PdfDoc,
    piece: Extract<Piece, { kind: 'chips' }>,
    x: number,
    y: number,
    width: number,
    record: boolean,
  ): number {
    const { padX, padY, gap, style } = piece;
    let cx = 0;
    let cy = 0;
    let lineHeight = 0;
    for (const item of piece.items) {
      const natural = this.textWidth(item, style) + 2 * padX + 1;
      const chipWidth = Math.min(natural, width);
      const textHeight = this.textHeight(item, style, chipWidth - 2 * padX);
      const chipHeight = textHeight + 2 * padY;
      if (cx > 0 && cx + chipWidth > width) {
        cx = 0;
        cy += lineHeight + gap;
        lineHeight = 0;
      }
      doc
        .save()
        .roundedRect(x + cx, y + cy, chipWidth, chipHeight, Math.min(8, chipHeight / 2))
        .fill(piece.fill)
        .restore();
      this.text(doc, item, style, x + cx + padX, y + cy + padY, chipWidth - 2 * padX, record);
      cx += chipWidth + gap;
      lineHeight = Math.max(lineHeight, chipHeight);
    }
    return cy + lineHeight;
  }
}

function textOptions(style: Style, width: number) {
  return {
    size: style.size,
    bold: style.bold ?? false,
    color: style.color ?? '#1f2933',
    width,
    lineGap: style.lineGap ?? 1,
    align: style.align ?? 'left',
    characterSpacing: style.characterSpacing ?? 0,
    ...(style.link ? { link: style.link } : {}),
  };
}

/** Places blocks down a sequence of frames (columns), moving to the next frame or page when one is full. */
class Flow {
  private page: number;
  private frame = 0;
  private y: number;

  constructor(
    private readonly canvas: Canvas,
    private readonly frames: (page: number) => Frame[],
    startPage = 0,
  ) {
    this.page = startPage;
    this.y = this.currentFrame().top;
  }

  private currentFrame(): Frame {
    return this.frames(this.page)[this.frame]!;
  }

  add(block: Block): void {
    for (;;) {
      const frame = this.currentFrame();
      const atTop = this.y <= frame.top;
      const before = atTop ? 0 : block.spaceBefore;
      const height = this.canvas.measure(block.pieces, frame.width);
      // A block taller than a whole frame is placed at the top of one; nothing a profile may hold is that tall.
      if (atTop || this.y + before + height <= frame.bottom) {
        this.canvas.draw(block.pieces, this.page, frame.x, this.y + before, frame.width);
        this.y += before + height;
        return;
      }
      this.next();
    }
  }

  private next(): void {
    this.frame += 1;
    if (this.frame >= this.frames(this.page).length) {
      this.page += 1;
      this.frame = 0;
    }
    this.y = this.currentFrame().top;
  }
}

// ---------------------------------------------------------------------------------------------------
// Content shared by the templates: sections as blocks, each template giving the styles.

interface SectionStyles {
  heading: (title: string) => Piece[];
  headingSpace: number;
  itemSpace: number;
  title: Style;
  subtitle: Style;
  date: Style;
  body: Style;
  small: Style;
  code: Style;
  link: Style;
}

function contactLines(data: ResumeData): string[] {
  return [
    data.location,
    ...data.contact
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean),
  ].filter(Boolean);
}

/**
 * One entry of a section (a job, a course, a certificate) as chunks: the first holds its title lines and
 * first paragraph, each further paragraph is a chunk of its own, so no single block outgrows a page.
 */
type Item = Piece[][];

/** The first block of a section carries its heading, so a heading never ends a column on its own. */
function section(styles: SectionStyles, title: string, items: Item[]): Block[] {
  return items.flatMap((chunks, index) =>
    chunks.map((pieces, chunk): Block => {
      if (chunk > 0) return { spaceBefore: 0, pieces };
      return index === 0
        ? { spaceBefore: styles.headingSpace, pieces: [...styles.heading(title), ...pieces] }
        : { spaceBefore: styles.itemSpace, pieces };
    }),
  );
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Head pieces followed by the text's paragraphs, the first paragraph kept with the head. */
function withParagraphs(head: Piece[], text: string, style: Style): Item {
  const [first, ...rest] = paragraphs(text).map(
    (paragraph): Piece => ({ kind: 'text', text: paragraph, style }),
  );
  return [
    first ? [...head, ...(head.length ? [{ kind: 'gap', height: 2 } as Piece] : []), first] : head,
    ...rest.map((piece) => [piece]),
  ];
}

function experienceItems(data: ResumeData, styles: SectionStyles, language: ResumeLanguage): Item[] {
  return data.experience.map((job) => {
    const head: Piece[] = [
      {
        kind: 'row',
        left: job.role,
        leftStyle: styles.title,
        right: formatResumePeriod(job.start, job.end, language),
        rightStyle: styles.date,
      },
    ];
    if (job.organisation) head.push({ kind: 'text', text: job.organisation, style: styles.subtitle });
    return withParagraphs(head, job.description, styles.body);
  });
}

function educationItems(data: ResumeData, styles: SectionStyles, language: ResumeLanguage): Item[] {
  return data.education.map((entry) => {
    const pieces: Piece[] = [
      {
        kind: 'row',
        left: entry.course,
        leftStyle: styles.title,
        right: formatResumeYear(entry.year, language),
        rightStyle: styles.date,
      },
    ];
    if (entry.institution) pieces.push({ kind: 'text', text: entry.institution, style: styles.subtitle });
    return [pieces];
  });
}

function certificateItems(data: ResumeData, styles: SectionStyles, language: ResumeLanguage): Item[] {
  const labels = LABELS[language];
  return data.certificates.map((certificate) => [
    [
      { kind: 'text', text: certificate.title, style: styles.title },
      {
        kind: 'text',
        text: `${labels.code}: ${certificate.code} · ${labels.issued}: ${formatResumeDate(certificate.issuedAt, language)}`,
        style: styles.code,
      },
      {
        kind: 'text',
        text: `${labels.verify}: ${certificate.verifyUrl}`,
        style: { ...styles.link, link: certificate.verifyUrl },
      },
    ],
  ]);
}

function summaryItems(data: ResumeData, styles: SectionStyles): Item[] {
  return data.summary.trim() ? [withParagraphs([], data.summary, styles.body)] : [];
}

/** Skills as one paragraph joined by a separator. */
function skillItems(data: ResumeData, styles: SectionStyles, separator: string): Item[] {
  return data.skills.length
    ? [[[{ kind: 'text', text: data.skills.join(separator), style: styles.body }]]]
    : [];
}

/** Skills as chips, a row per chunk, so a long list continues on the next page row by row. */
function chipRows(canvas: Canvas, items: string[], chip: ChipStyle, width: number): Item {
  const rows: string[][] = [];
  let used = width;
  for (const item of items) {
    const chipWidth = Math.min(canvas.textWidth(item, chip.style) + 2 * chip.padX + 1, width);
    if (used > 0 && used + chip.gap + chipWidth > width) {
      rows.push([item]);
      used = chipWidth;
    } else {
      rows[rows.length - 1]!.push(item);
      used += chip.gap + chipWidth;
    }
  }
  return rows.map((row, index): Piece[] => [
    ...(index > 0 ? [{ kind: 'gap', height: chip.gap } as Piece] : []),
    { kind: 'chips', items: row, ...chip },
  ]);
}

function footer(canvas: Canvas, data: ResumeData, language: ResumeLanguage, place: FooterPlace) {
  const labels = LABELS[language];
  const total = formatResumeNumber(canvas.pages, language);
  for (let page = 0; page < canvas.pages; page += 1) {
    const text = `${data.name} · ${labels.page(formatResumeNumber(page + 1, language), total)}`;
    canvas.writeAt(page, text, place.style, place.x, place.y, place.width);
  }
}

interface FooterPlace {
  x: number;
  y: number;
  width: number;
  style: Style;
}

// ---------------------------------------------------------------------------------------------------
// Classic: one column, centred name, rules under every heading.

function classic(data: ResumeData, language: ResumeLanguage): Canvas {
  const labels = LABELS[language];
  const canvas = new Canvas(`${labels.resume}: ${data.name}`, language, () => {});
  const margin = 62;
  const width = PAGE_WIDTH - 2 * margin;
  const ink = '#1b1f2a';
  const muted = '#4b5262';
  const latin = language === 'en';
  const header: Piece[] = [
    { kind: 'text', text: data.name, style: { size: 24, bold: true, color: ink, align: 'center' } },
  ];
  if (data.headline)
    header.push({ kind: 'text', text: data.headline, style: { size: 12, color: muted, align: 'center' } });
  const contact = contactLines(data);
  if (contact.length)
    header.push(
      { kind: 'gap', height: 4 },
      { kind: 'text', text: contact.join('  ·  '), style: { size: 9.5, color: muted, align: 'center' } },
    );
  header.push(
    { kind: 'gap', height: 10 },
    { kind: 'rule', color: ink, thickness: 1.4 },
    { kind: 'gap', height: 2 },
    { kind: 'rule', color: ink, thickness: 0.5 },
  );
  const headerBottom = 52 + canvas.draw(header, 0, margin, 52, width);
  const bottom = PAGE_HEIGHT - 64;
  const flow = new Flow(canvas, (page) => [
    { x: margin, width, top: page === 0 ? headerBottom + 4 : 56, bottom },
  ]);
  const styles: SectionStyles = {
    heading: (title) => [
      {
        kind: 'text',
        text: latin ? title.toUpperCase() : title,
        style: { size: latin ? 10.5 : 12, bold: true, color: ink, characterSpacing: latin ? 1.6 : 0 },
      },
      { kind: 'gap', height: 2 },
      { kind: 'rule', color: '#9aa0ad', thickness: 0.6 },
      { kind: 'gap', height: 7 },
    ],
    headingSpace: 16,
    itemSpace: 10,
    title: { size: 11, bold: true, color: ink },
    subtitle: { size: 10, color: muted },
    date: { size: 9.5, color: muted },
    body: { size: 10, color: '#262b36', lineGap: 1.6 },
    small: { size: 9, color: muted },
    code: { size: 9, color: muted },
    link: { size: 9, color: '#1d4e89' },
  };
  const blocks = [
    ...section(styles, labels.summary, summaryItems(data, styles)),
    ...section(styles, labels.experience, experienceItems(data, styles, language)),
    ...section(styles, labels.education, educationItems(data, styles, language)),
    ...section(styles, labels.skills, skillItems(data, styles, '  ·  ')),
    ...section(styles, labels.certificates, certificateItems(data, styles, language)),
  ];
  for (const block of blocks) flow.add(block);
  for (let page = 0; page < canvas.pages; page += 1) {
    canvas.draw([{ kind: 'rule', color: '#c4c8d0', thickness: 0.5 }], page, margin, PAGE_HEIGHT - 50, width);
  }
  footer(canvas, data, language, {
    x: margin,
    y: PAGE_HEIGHT - 44,
    width,
    style: { size: 8, color: muted, align: 'center' },
  });
  return canvas;
}

// ---------------------------------------------------------------------------------------------------
// Modern: a coloured sidebar (contact, skills, certificates) beside the main column.

function modern(data: ResumeData, language: ResumeLanguage): Canvas {
  const labels = LABELS[language];
  const sidebarWidth = 196;
  const accent = '#f4b740';
  const indigo = '#2e2a7a';
  const canvas = new Canvas(`${labels.resume}: ${data.name}`, language, (c) => {
    c.doc.save().rect(0, 0, sidebarWidth, PAGE_HEIGHT).fill(indigo).restore();
    c.doc.save().rect(sidebarWidth, 0, 4, PAGE_HEIGHT).fill(accent).restore();
  });
  const latin = language === 'en';
  const mainX = sidebarWidth + 30;
  const mainWidth = PAGE_WIDTH - mainX - 36;
  const bottom = PAGE_HEIGHT - 52;

  const header: Piece[] = [
    { kind: 'text', text: data.name, style: { size: 25, bold: true, color: indigo, lineGap: 0 } },
  ];
  if (data.headline)
    header.push({ kind: 'text', text: data.headline, style: { size: 12.5, color: '#4a46b5' } });
  header.push({ kind: 'gap', height: 8 }, { kind: 'rule', color: accent, thickness: 4, length: 56 });
  const headerBottom = 44 + canvas.draw(header, 0, mainX, 44, mainWidth);

  const mainStyles: SectionStyles = {
    heading: (title) => [
      { kind: 'text', text: title, style: { size: 13, bold: true, color: indigo } },
      { kind: 'rule', color: accent, thickness: 2, length: 28 },
      { kind: 'gap', height: 8 },
    ],
    headingSpace: 18,
    itemSpace: 11,
    title: { size: 11, bold: true, color: '#161a26' },
    subtitle: { size: 10, color: '#4a46b5' },
    date: { size: 9, color: '#565d6d' },
    body: { size: 9.8, color: '#272c38', lineGap: 1.6 },
    small: { size: 9, color: '#565d6d' },
    code: { size: 9, color: '#565d6d' },
    link: { size: 8.5, color: '#3d39a8' },
  };
  const main = new Flow(canvas, (page) => [
    { x: mainX, width: mainWidth, top: page === 0 ? headerBottom + 8 : 44, bottom },
  ]);
  for (const block of [
    ...section(mainStyles, labels.summary, summaryItems(data, mainStyles)),
    ...section(mainStyles, labels.experience, experienceItems(data, mainStyles, language)),
    ...section(mainStyles, labels.education, educationItems(data, mainStyles, language)),
  ])
    main.add(block);

  const onDark = '#ffffff';
  const soft = '#c9ccf5';
  const sideStyles: SectionStyles = {
    heading: (title) => [
      {
        kind: 'text',
        text: latin ? title.toUpperCase() : title,
        style: { size: latin ? 9.5 : 11, bold: true, color: accent, characterSpacing: latin ? 1.2 : 0 },
      },
      { kind: 'gap', height: 6 },
    ],
    headingSpace: 20,
    itemSpace: 9,
    title: { size: 9.5, bold: true, color: onDark },
    subtitle: { size: 9, color: soft },
    date: { size: 8.5, color: soft },
    body: { size: 9, color: onDark, lineGap: 1.4 },
    small: { size: 8.5, color: soft },
    code: { size: 8.5, color: '#ffe3a3' },
    link: { size: 7.5, color: soft },
  };
  const width = sidebarWidth - 48;
  const side = new Flow(canvas, () => [{ x: 24, width, top: 44, bottom }]);
  const chip: ChipStyle = {
    style: { size: 8.5, color: onDark, lineGap: 0 },
    fill: '#4a45b8',
    padX: 7,
    padY: 3,
    gap: 5,
  };
  const contact = contactLines(data);
  for (const block of [
    ...section(
      sideStyles,
      labels.contact,
      contact.length
        ? [contact.map((text): Piece[] => [{ kind: 'text', text, style: sideStyles.body }])]
        : [],
    ),
    ...section(
      sideStyles,
      labels.skills,
      data.skills.length ? [chipRows(canvas, data.skills, chip, width)] : [],
    ),
    ...section(sideStyles, labels.certificates, certificateItems(data, sideStyles, language)),
  ])
    side.add(block);

  footer(canvas, data, language, {
    x: mainX,
    y: PAGE_HEIGHT - 36,
    width: mainWidth,
    style: { size: 8, color: '#6a7080', align: 'right' },
  });
  return canvas;
}

// ---------------------------------------------------------------------------------------------------
// Compact: a tight header band and two columns of small type: the work history on the left, education,
// skills and certificates on the right.

function compact(data: ResumeData, language: ResumeLanguage): Canvas {
  const labels = LABELS[language];
  const teal = '#0f6b63';
  const margin = 36;
  const gutter = 22;
  const width = PAGE_WIDTH - 2 * margin;
  const leftWidth = Math.round((width - gutter) * 0.6);
  const rightWidth = width - gutter - leftWidth;
  const latin = language === 'en';
  const canvas = new Canvas(`${labels.resume}: ${data.name}`, language, (c) => {
    c.doc.save().rect(0, 0, PAGE_WIDTH, 8).fill(teal).restore();
  });
  const header: Piece[] = [
    {
      kind: 'row',
      left: data.name,
      leftStyle: { size: 18, bold: true, color: '#0f1729', lineGap: 0 },
      right: data.headline,
      rightStyle: { size: 10, bold: true, color: teal },
    },
  ];
  const contact = contactLines(data);
  if (contact.length)
    header.push({ kind: 'text', text: contact.join('   |   '), style: { size: 8.5, color: '#4a5163' } });
  header.push({ kind: 'gap', height: 6 }, { kind: 'rule', color: teal, thickness: 1.2 });
  const headerBottom = 26 + canvas.draw(header, 0, margin, 26, width);
  const bottom = PAGE_HEIGHT - 46;
  const top = (page: number) => (page === 0 ? headerBottom + 10 : 30);
  const styles: SectionStyles = {
    heading: (title) => [
      {
        kind: 'text',
        text: latin ? title.toUpperCase() : title,
        style: { size: latin ? 9 : 10.5, bold: true, color: teal, characterSpacing: latin ? 0.9 : 0 },
      },
      { kind: 'rule', color: '#9fd6cf', thickness: 0.6 },
      { kind: 'gap', height: 5 },
    ],
    headingSpace: 11,
    itemSpace: 7,
    title: { size: 9.2, bold: true, color: '#111827' },
    subtitle: { size: 8.5, color: teal },
    date: { size: 8, color: '#545b6b' },
    body: { size: 8.5, color: '#2a2f3a', lineGap: 0.9 },
    small: { size: 8, color: '#545b6b' },
    code: { size: 8, color: '#545b6b' },
    link: { size: 7.5, color: teal },
  };
  const left = new Flow(canvas, (page) => [{ x: margin, width: leftWidth, top: top(page), bottom }]);
  for (const block of [
    ...section(styles, labels.summary, summaryItems(data, styles)),
    ...section(styles, labels.experience, experienceItems(data, styles, language)),
  ])
    left.add(block);
  const rightX = margin + leftWidth + gutter;
  const right = new Flow(canvas, (page) => [{ x: rightX, width: rightWidth, top: top(page), bottom }]);
  for (const block of [
    ...section(styles, labels.education, educationItems(data, styles, language)),
    ...section(styles, labels.skills, skillItems(data, styles, '  •  ')),
    ...section(styles, labels.certificates, certificateItems(data, styles, language)),
  ])
    right.add(block);
  const divider = rightX - gutter / 2;
  for (let page = 0; page < canvas.pages; page += 1) {
    canvas.goTo(page);
    canvas.doc
      .save()
      .moveTo(divider, top(page))
      .lineTo(divider, bottom)
      .lineWidth(0.4)
      .strokeColor('#cfd5dd')
      .stroke()
      .restore();
  }
  footer(canvas, data, language, {
    x: margin,
    y: PAGE_HEIGHT - 32,
    width,
    style: { size: 7.5, color: '#6a7080', align: 'right' },
  });
  return canvas;
}

const TEMPLATES: Record<ResumeTemplate, (data: ResumeData, language: ResumeLanguage) => Canvas> = {
  classic,
  modern,
  compact,
};

export interface ResumeLayout {
  pdf: Buffer;
  /** Every text drawn and where, so a test can prove nothing overlaps and nothing leaves the page. */
  boxes: TextBox[];
  pages: number;
  pageSize: { width: number; height: number };
}

/** The resume and where each piece of text landed. */
export async function layoutResume(data: ResumeData, options: ResumeOptions): Promise<ResumeLayout> {
  const canvas = TEMPLATES[options.template](data, options.language);
  const pages = canvas.doc.bufferedPageRange().count;
  const pdf = await pdfBytes(canvas.doc);
  return { pdf, boxes: canvas.boxes, pages, pageSize: { width: PAGE_WIDTH, height: PAGE_HEIGHT } };
}

export async function renderResumePdf(data: ResumeData, options: ResumeOptions): Promise<Buffer> {
  return (await layoutResume(data, options)).pdf;
}
