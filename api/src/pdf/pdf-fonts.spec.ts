import { existsSync } from 'node:fs';
import { PDF_FONTS, scriptRuns } from './pdf-fonts';

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
});
