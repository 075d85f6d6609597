/**
 * The part of fontkit (pdfkit's own font engine, pinned to the version pdfkit uses) that Cairn
 * calls: parsing a font file once so every PDF can share it. pdfkit takes the parsed font as a
 * font source (it checks for a `layout` method).
 */
declare module 'fontkit' {
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: unknown[];
    positions: GlyphPosition[];
  }
  export interface Font {
    postscriptName: string;
    layout(text: string, features?: unknown): GlyphRun;
  }
  export function create(buffer: Buffer): Font;
}
