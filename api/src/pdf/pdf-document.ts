import type { PaperSize } from '@cairn/contracts';
import PDFDocument from 'pdfkit';
import { scriptRuns, sharedFont, type FontWeight } from './pdf-fonts';

/** What the clinic prints at the head of page one, and the paper it prints on (clinic settings). */
export interface PdfLetterhead {
  clinicName: string;
  address: string | null;
  phone: string | null;
  paperSize: PaperSize;
}

export interface PdfMeta extends PdfLetterhead {
  /** The document's title, in its properties and at the top of page one. */
  title: string;
  /** Printed at the foot of every page. */
  footer: string;
}

export interface TextStyle {
  weight?: FontWeight;
  size?: number;
  color?: string;
  /** Space after the paragraph, in points. */
  gap?: number;
  indent?: number;
  /** Column width (for tables); the rest of the line by default. */
  width?: number;
}

const INK = '#1f2a2e';
const MUTED = '#5b6b70';
const ACCENT = '#2f5d62';
const MARGIN = 56;
/** One line of body text (10.5 pt) with pdfkit's line gap. */
const BODY_LINE = 14;

/** pdfkit's names for the clinic's paper: 612 × 792 pt and 595.28 × 841.89 pt. */
const PDFKIT_SIZES: Record<PaperSize, string> = { letter: 'LETTER', a4: 'A4' };

/**
 * A Cairn PDF: letterhead, text in any script, and a footer with page numbers on every page.
 * Pages are buffered so "page n of N" can be written once the last page exists.
 */
export class CairnPdf {
  readonly doc: PDFKit.PDFDocument;
  private readonly cjkRegistered = new Set<FontWeight>();

  constructor(private readonly meta: PdfMeta) {
    this.doc = new PDFDocument({
      size: PDFKIT_SIZES[meta.paperSize],
      margins: { top: MARGIN, bottom: MARGIN + 18, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: { Title: meta.title, Author: meta.clinicName, Creator: 'Cairn' },
      pdfVersion: '1.7',
      lang: 'en',
      displayTitle: true,
    });
    this.doc.registerFont('regular', sharedFont('regular'));
    this.doc.registerFont('bold', sharedFont('bold'));
    this.letterhead();
  }

  get contentWidth(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  /**
   * A heading never ends a page: it moves to the next one unless `keepWith` points (by default
   * three body lines) still fit under it.
   */
  heading(text: string, level: 1 | 2 | 3 = 2, keepWith = BODY_LINE * 3): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 11;
    this.ensureSpace(this.headingHeight(level) + keepWith);
    if (level < 3) this.doc.moveDown(0.4);
    this.write(text, { weight: 'bold', size, color: level === 3 ? INK : ACCENT, gap: 4 });
  }

  /** The room a heading of this level takes, with the space above and below it. */
  headingHeight(level: 1 | 2 | 3): number {
    const size = level === 1 ? 18 : level === 2 ? 13 : 11;
    return size * 1.25 + 4 + (level < 3 ? 6 : 0);
  }

  /** The height `text` takes as a paragraph (or in `style`) across the content width. */
  measure(text: string, style: TextStyle = {}): number {
    const { weight = 'regular', size = 10.5, gap = 6, indent = 0 } = style;
    this.doc.font(weight).fontSize(size);
    const width = style.width ?? this.contentWidth - indent;
    return this.doc.heightOfString(text.length > 0 ? text : ' ', { width }) + gap;
  }

  /**
   * Starts a new page when a block of `height` points would not fit here but would fit on a fresh
   * page: used to keep a closing block (a signature) with what comes before it.
   */
  keepTogether(height: number): void {
    const { page } = this.doc;
    if (height <= page.height - page.margins.top - page.margins.bottom) this.ensureSpace(height);
  }

  paragraph(text: string, style: TextStyle = {}): void {
    this.write(text, { size: 10.5, gap: 6, ...style });
  }

  muted(text: string, style: TextStyle = {}): void {
    this.write(text, { size: 9, color: MUTED, gap: 4, ...style });
  }

  /** "Label: value" rows, label in bold, aligned in two columns. */
  facts(rows: [string, string][]): void {
    const labelWidth = 130;
    for (const [label, value] of rows) {
      this.ensureSpace(16);
      const y = this.doc.y;
      this.doc.font('bold').fontSize(9.5).fillColor(MUTED);
      this.doc.text(label, MARGIN, y, { width: labelWidth - 8 });
      const afterLabel = this.doc.y;
      this.doc.y = y;
      this.write(value, { size: 10, indent: labelWidth, gap: 0 });
      this.doc.y = Math.max(this.doc.y, afterLabel) + 3;
    }
    this.doc.x = MARGIN;
    this.doc.moveDown(0.3);
  }

  rule(): void {
    this.ensureSpace(12);
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(this.doc.page.width - MARGIN, y)
      .lineWidth(0.6)
      .strokeColor('#c9d3d5')
      .stroke();
    this.doc.y = y + 8;
  }

  /** Starts a new page when less than `height` points remain, so a block is not split badly. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) {
      this.doc.addPage();
    }
  }

  /** Text in any script: runs of CJK characters are drawn with the CJK font. */
  write(text: string, style: TextStyle = {}): void {
    const { weight = 'regular', size = 10.5, color = INK, gap = 0, indent = 0 } = style;
    const runs = scriptRuns(text.length > 0 ? text : ' ');
    const x = MARGIN + indent;
    const width = style.width ?? this.contentWidth - indent;
    this.doc.fillColor(color).fontSize(size);
    runs.forEach((run, index) => {
      this.doc.font(run.cjk ? this.cjk(weight) : weight);
      const last = index === runs.length - 1;
      if (index === 0) this.doc.text(run.text, x, this.doc.y, { width, continued: !last });
      else this.doc.text(run.text, { continued: !last });
    });
    this.doc.x = MARGIN;
    if (gap > 0) this.doc.y += gap;
  }

  /** The CJK font's name in this document, registered when first used (the files are large). */
  private cjk(weight: FontWeight): string {
    const name = `cjk-${weight}`;
    if (!this.cjkRegistered.has(weight)) {
      this.doc.registerFont(name, sharedFont(weight === 'bold' ? 'cjkBold' : 'cjkRegular'));
      this.cjkRegistered.add(weight);
    }
    return name;
  }

  async finish(): Promise<Buffer> {
    this.footers();
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }

  private letterhead(): void {
    const { doc } = this;
    doc.rect(0, 0, doc.page.width, 6).fill(ACCENT);
    this.write(this.meta.clinicName, { weight: 'bold', size: 11, color: ACCENT });
    const contact = [
      ...(this.meta.address ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0),
      ...(this.meta.phone ? [this.meta.phone] : []),
    ];
    if (contact.length > 0) this.write(contact.join(' · '), { size: 8.5, color: MUTED, gap: 4 });
    this.write(this.meta.title, { weight: 'bold', size: 18, gap: 6 });
    this.rule();
  }

  private footers(): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      doc.switchToPage(index);
      const y = doc.page.height - MARGIN + 4;
      // Writing inside the bottom margin would start a new page: lift the margin while we do.
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.font('regular').fontSize(8).fillColor(MUTED);
      doc.text(this.meta.footer, MARGIN, y, { width: this.contentWidth - 70, lineBreak: true });
      doc.text(`Page ${index + 1 - range.start} of ${range.count}`, MARGIN, y, {
        width: this.contentWidth,
        align: 'right',
      });
      doc.page.margins.bottom = bottom;
    }
  }
}
