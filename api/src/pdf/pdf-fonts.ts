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

export type FontWeight = 'regular' | 'bold';

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
