/**
 * XML escaping for everything the app writes as markup (KML, the report's SVG maps and HTML): text from imported
 * files is data, never markup.
 */

/** Characters not allowed in XML 1.0 documents (controls other than tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for XML element content and attribute values (& < > " ') and replaces characters XML 1.0
 * cannot represent by U+FFFD.
 *
 * @example escapeXml('A & B <C>') // 'A &amp; B &lt;C&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
