import { readFileSync } from 'node:fs';
import { create, type Font, type GlyphRun } from 'fontkit';

/**
 * Fonts embedded in every PDF, shipped as npm packages so output never depends on what the
 * server has installed. Noto Sans covers Latin (with Vietnamese and Polish), Greek and Cyrillic;
 * Noto Sans SC covers Chinese and Japanese kana. Only the glyphs used are embedded (subsetting),
 * so a report stays small even though the CJK font is large.
 */
export const PDF_FONTS = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  cjkRegular:
    require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  cjkBold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

export type PdfFontName = keyof typeof PDF_FONTS;

export type FontWeight = 'regular' | 'bold';

const parsed = new Map<PdfFontName, Font>();

/**
 * The font parsed once for the process and shared by every PDF. Given a file, pdfkit reads and
 * parses it again for each document, and the first line of text then decodes its layout tables
 * (kerning, ligatures): about a fifth of a report's time, and megabytes of garbage per PDF (ten
 * of file alone for each CJK weight). A parsed font only caches what it has decoded, and each
 * document still embeds its own subset, so sharing changes no byte of the output. The four
 * fonts are at most 23 MB of file held for good; a CJK font is read only once a PDF needs it.
 */
export function sharedFont(name: PdfFontName): PDFKit.Mixins.PDFFontSource {
  let font = parsed.get(name);
  if (!font) {
    font = withShapingCache(create(readFileSync(PDF_FONTS[name])));
    parsed.set(name, font);
  }
  // pdfkit's types list files and buffers only; it takes a parsed fontkit font as well.
  return font as unknown as PDFKit.Mixins.PDFFontSource;
}

/** Words shaped per font kept for the next PDF; past this the oldest goes (a few MB at most). */
export const SHAPED_WORDS = 20_000;

/**
 * The font with its shaping (glyphs and kerned positions of a word) remembered across PDFs.
 * pdfkit shapes each word once per document; reports repeat the same dates, scores and labels,
 * so most of a report's shaping was the previous report's. pdfkit scales the positions it is
 * given in place (by 1000 / units per em: 1 for Noto, not for every font), so every caller gets
 * fresh position objects; glyphs are only read.
 */
function withShapingCache(font: Font): Font {
  const shaped = new Map<string, GlyphRun>();
  const layout = (text: string, features?: unknown): GlyphRun => {
    // Explicit OpenType features change the shaping: not cached (Cairn passes none).
    if (features !== undefined) return font.layout(text, features);
    let run = shaped.get(text);
    if (!run) {
      run = font.layout(text);
      if (shaped.size >= SHAPED_WORDS) shaped.delete(shaped.keys().next().value as string);
      shaped.set(text, run);
    }
    return copyOfRun(run);
  };
  return new Proxy(font, {
    get: (target, property, receiver): unknown =>
      property === 'layout' ? layout : (Reflect.get(target, property, receiver) as unknown),
  });
}

/** What pdfkit reads of a run: its glyphs, positions and (a getter in fontkit) its advance. */
function copyOfRun(run: GlyphRun): GlyphRun {
  const positions = run.positions.map((position) => ({
    xAdvance: position.xAdvance,
    yAdvance: position.yAdvance,
    xOffset: position.xOffset,
    yOffset: position.yOffset,
  }));
  return {
    glyphs: run.glyphs.slice(),
    positions,
    get advanceWidth(): number {
      return positions.reduce((width, position) => width + position.xAdvance, 0);
    },
  } as GlyphRun;
}

export interface ScriptRun {
  text: string;
  cjk: boolean;
}

/** Han, kana, CJK punctuation, full-width forms and Hangul compatibility blocks. */
const CJK =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/;

/**
 * Splits text into runs to draw with the Latin or the CJK font. pdfkit does no font fallback, so
 * without this a name like 王芳 would print as empty boxes.
 */
export function scriptRuns(text: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const char of text) {
    const cjk = CJK.test(char);
    const last = runs[runs.length - 1];
    if (last && (last.cjk === cjk || /\s/.test(char))) last.text += char;
    else runs.push({ text: char, cjk });
  }
  return runs;
}
