/**
 * The report's embedded font (Noto Sans, SIL Open Font License 1.1, data/fonts/): the bytes are handed in by the
 * host (the CLI reads the files, the app fetches them), so this module runs in Node and in the browser alike.
 * fontkit measures text with it, so the charts are laid out with the widths the PDF will print; the PDF is written
 * with the same opened faces, so each face's tables (its large kerning and substitution tables above all) are
 * decoded once per process, not once for measuring and again for every face pdfkit opens.
 */
import * as fontkit from 'fontkit';

export interface ReportFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** The family name the SVG maps and charts ask for; the PDF and HTML map it to the embedded font. */
export const REPORT_FONT_FAMILY = 'Noto Sans';

export interface ReportFonts {
  bytes: ReportFontBytes;
  /** The opened faces (fontkit), for the PDF writer. */
  faces: { regular: fontkit.Font; bold: fontkit.Font };
  /** Advance width of `text` in the font at `fontSize` (same units as the size). */
  measure(text: string, fontSize: number, bold?: boolean): number;
}

/** Opens both faces; throws when the bytes are not a TrueType/OpenType font (a broken install). */
export function loadReportFonts(bytes: ReportFontBytes): ReportFonts {
  const open = (data: Uint8Array): fontkit.Font => {
    const font = fontkit.create(toBuffer(data));
    if (!('layout' in font)) throw new Error('report font: expected a single TrueType/OpenType font, got a collection');
    return font;
  };
  const regular = open(bytes.regular);
  const bold = open(bytes.bold);
  const cache = new Map<string, number>();
  return {
    bytes,
    faces: { regular, bold },
    measure(text, fontSize, isBold = false) {
      const key = `${isBold ? 'b' : 'r'}${text}`;
      let em = cache.get(key);
      if (em === undefined) {
        const font = isBold ? bold : regular;
        em = font.layout(text).advanceWidth / font.unitsPerEm;
        cache.set(key, em);
      }
      return em * fontSize;
    },
  };
}

/** fontkit wants a Buffer in Node and accepts a Uint8Array in the browser build. */
function toBuffer(data: Uint8Array): Buffer {
  return (typeof Buffer !== 'undefined' ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : data) as Buffer;
}
