/** svg-to-pdfkit (MIT, CommonJS, untyped): draws an SVG into a pdfkit document as vectors. See its README "options". */
declare module 'svg-to-pdfkit' {
  interface SvgToPdfOptions {
    width?: number;
    height?: number;
    preserveAspectRatio?: string;
    /** Units are PDF points rather than CSS pixels (no 0.75 scaling). */
    assumePt?: boolean;
    /** Maps an SVG font-family to a font registered with the document. */
    fontCallback?: (family: string, bold: boolean, italic: boolean, options: { fauxItalic: boolean }) => string;
    warningCallback?: (message: string) => void;
  }
  export default function SVGtoPDF(doc: PDFKit.PDFDocument, svg: string, x: number, y: number, options?: SvgToPdfOptions): void;
}
