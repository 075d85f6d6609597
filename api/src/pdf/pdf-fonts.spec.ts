import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { CairnPdf } from './pdf-document';
import { PDF_FONTS, scriptRuns, sharedFont } from './pdf-fonts';

const META = {
  title: 'Progress report',
  footer: 'Confidential',
  clinicName: 'Clinic',
  address: null,
  phone: null,
  paperSize: 'letter' as const,
};

describe('PDF fonts', () => {
  it('ship with the app', () => {
    for (const file of Object.values(PDF_FONTS)) expect(existsSync(file)).toBe(true);
  });

  it('keeps Latin, Vietnamese, Polish and apostrophes in one run', () => {
    expect(scriptRuns("Zoë Nguyễn, Łukasz O'Brien")).toEqual([
      { text: "Zoë Nguyễn, Łukasz O'Brien", cjk: false },
    ]);
  });

  it('splits Chinese out so it is drawn with the CJK font', () => {
    expect(scriptRuns('Client: 王芳 (Wang Fang)')).toEqual([
      { text: 'Client: ', cjk: false },
      { text: '王芳 ', cjk: true },
      { text: '(Wang Fang)', cjk: false },
    ]);
  });

  it('lays a line out in the next PDF exactly as pdfkit does from the font file', () => {
    const line = 'Sep 24, 2025  12 / 27  Moderately severe  -6 (reliable improvement) 王芳';
    const fromFile = new PDFDocument({ autoFirstPage: false });
    fromFile.registerFont('regular', PDF_FONTS.regular);
    fromFile.registerFont('cjk', PDF_FONTS.cjkRegular);
    const widths = (doc: PDFKit.PDFDocument) => [
      doc.font('regular').fontSize(10.5).widthOfString(line),
      doc.font('cjk').fontSize(10.5).widthOfString(line),
    ];
    const expected = widths(fromFile);
    // The shared fonts remember shaped words: the second and third PDF reuse the first's.
    for (let pdf = 0; pdf < 3; pdf++) {
      const doc = new PDFDocument({ autoFirstPage: false });
      doc.registerFont('regular', sharedFont('regular'));
      doc.registerFont('cjk', sharedFont('cjkRegular'));
      expect(widths(doc)).toEqual(expected);
    }
  });

  it('embeds the CJK font in every PDF that needs it, not in one that does not', async () => {
    const embedded = async (clientName: string) => {
      const pdf = new CairnPdf(META);
      pdf.paragraph(`Client: ${clientName}`);
      return (await pdf.finish()).toString('latin1').includes('NotoSansSC');
    };
    expect(await embedded('王芳 (Wang Fang)')).toBe(true);
    expect(await embedded('李娜')).toBe(true);
    expect(await embedded('Zoë Nguyễn')).toBe(false);
  });
});
