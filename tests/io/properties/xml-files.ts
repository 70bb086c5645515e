/**
 * Generated layer files in the XML formats users exchange: KML (Google Earth; Placemarks with ExtendedData, some
 * in Folders) and Excel workbooks (.xlsx: a title block above the header, blank rows, every cell a shared string
 * as "numbers stored as text"). They are written here with fflate and plain XML — not by phusong's writers or
 * exceljs — from the same table and feature specs as the CSV and GeoJSON files, and compute the places the same
 * way (Excel row numbers; Placemark indices in document order).
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import type { GeneratedEntry, GeneratedFile } from './harness.ts';
import { featureEntry, features, type FeatureLayerSpec } from './geojson.ts';
import { tableRows, type TableSpec } from './tables.ts';

/** Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF). */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cell as any XML file can hold it: what XML 1.0 cannot carry becomes U+FFFD (what a writer must do). */
function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD');
}

/** Text escaped for element content; CR as a character reference, since XML parsers turn a literal CR into LF. */
function xmlContent(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

const mapCells = (cells: Record<string, string>, map: (text: string) => string) =>
  Object.fromEntries(Object.entries(cells).map(([name, text]) => [name, map(text)]));

type Position = number[];

const coordinates = (positions: Position[]) => `<coordinates>${positions.map(([lon, lat]) => `${lon},${lat}`).join(' ')}</coordinates>`;
const ring = (positions: Position[]) => `<LinearRing>${coordinates(positions)}</LinearRing>`;
const polygon = ([outer, ...holes]: Position[][]) =>
  `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${holes.map((hole) => `<innerBoundaryIs>${ring(hole)}</innerBoundaryIs>`).join('')}</Polygon>`;

/** A valid generated geometry as KML (Multi* as a MultiGeometry, which the reader turns back into Multi*). */
function kmlGeometry(geometry: { type: string; coordinates: unknown }): string {
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates as Position])}</Point>`;
    case 'LineString':
      return `<LineString>${coordinates(geometry.coordinates as Position[])}</LineString>`;
    case 'MultiLineString':
      return `<MultiGeometry>${(geometry.coordinates as Position[][]).map((line) => `<LineString>${coordinates(line)}</LineString>`).join('')}</MultiGeometry>`;
    case 'Polygon':
      return polygon(geometry.coordinates as Position[][]);
    default:
      return `<MultiGeometry>${(geometry.coordinates as Position[][][]).map(polygon).join('')}</MultiGeometry>`;
  }
}

/** Placemark geometries no layer accepts: none, out of range, latitude and longitude swapped, a one-position line. */
const BROKEN_KML = ['', '<Point><coordinates>206.7,20.8</coordinates></Point>', '<Point><coordinates>20.8,106.7</coordinates></Point>', '<LineString><coordinates>106.7,20.8</coordinates></LineString>'];

/**
 * A KML document of the layer: one Placemark per generated feature (its cells in ExtendedData, no name), some
 * in (nested) Folders, with or without an XML declaration. KML is read as NFC text, so expected ids are NFC.
 */
export function kmlFile(spec: FeatureLayerSpec, name: string, maxFeatures = 10): fc.Arbitrary<GeneratedFile> {
  const layout = fc.record({
    declaration: fc.boolean(),
    folders: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 4 }),
    broken: fc.array(fc.nat({ max: BROKEN_KML.length - 1 }), { minLength: 1, maxLength: 4 }),
  });
  return fc.tuple(features(spec, maxFeatures), layout).map(([generated, { declaration, folders, broken }]) => {
    const parts = [declaration ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'];
    const entries: GeneratedEntry[] = [];
    generated.forEach((feature, index) => {
      const cells = mapCells(feature.cells, (text) => xmlSafe(text).normalize('NFC'));
      entries.push(featureEntry(spec, { ...feature, cells }, index));
      const geometry = feature.geometry === null ? BROKEN_KML[broken[index % broken.length]] : kmlGeometry((feature.json as { geometry: { type: string; coordinates: unknown } }).geometry);
      const data = Object.entries(cells).map(([column, text]) => `<Data name="${column}"><value>${xmlContent(text)}</value></Data>`);
      const depth = folders[index % folders.length];
      parts.push('<Folder><name>Lớp</name>'.repeat(depth), `<Placemark><ExtendedData>${data.join('')}</ExtendedData>${geometry}</Placemark>`, '</Folder>'.repeat(depth));
    });
    parts.push('</Document></kml>\n');
    return { name, content: parts.join(''), entries };
  });
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Column letters of a 0-based column index: 0 → A, 26 → AA. */
function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** The parts of a one-sheet workbook whose cells are shared strings (`rows`: Excel row number → cell texts). */
function workbookParts(sheet: string, rows: Map<number, string[]>, merge: string | null): Record<string, Uint8Array> {
  const strings: string[] = [];
  const sheetRows: string[] = [];
  for (const [row, cells] of rows) {
    const xml = cells.map((text, column) => {
      if (text === '') return '';
      strings.push(text);
      return `<c r="${columnLetters(column)}${row}" t="s"><v>${strings.length - 1}</v></c>`;
    });
    sheetRows.push(`<row r="${row}">${xml.join('')}</row>`);
  }
  const contentTypes =
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '</Types>';
  const parts: Record<string, string> = {
    '[Content_Types].xml': contentTypes,
    '_rels/.rels': `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${xmlContent(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<Relationships xmlns="${PACKAGE_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/sharedStrings.xml':
      `<sst xmlns="${NS}" count="${strings.length}" uniqueCount="${strings.length}">` +
      strings.map((text) => `<si><t xml:space="preserve">${xmlContent(text)}</t></si>`).join('') +
      '</sst>',
    'xl/worksheets/sheet1.xml':
      `<worksheet xmlns="${NS}"><sheetData>${sheetRows.join('')}</sheetData>` +
      (merge === null ? '' : `<mergeCells count="1"><mergeCell ref="${merge}"/></mergeCells>`) +
      '</worksheet>',
  };
  return Object.fromEntries(Object.entries(parts).map(([path, xml]) => [path, strToU8(XML_DECLARATION + xml)]));
}

/**
 * An .xlsx of the spec's table as department staff keep one: a title (merged across the columns) and a date
 * line above the header or not, blank rows here and there, the columns in any order, every cell text. Entries
 * hold each data row's Excel row number; a row whose cells are all blank is no data row.
 */
export function xlsxFile(spec: TableSpec, name: string, maxRows = 12): fc.Arbitrary<GeneratedFile> {
  const indices = spec.columns.map((_, i) => i);
  const layout = fc.record({
    title: fc.constantFrom(0, 1, 2),
    order: fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length }),
    blanksAfter: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 4 }),
  });
  return fc.tuple(tableRows(spec, maxRows), layout).map(([rows, { title, order, blanksAfter }]) => {
    const columns = order.map((i) => spec.columns[i].name);
    const sheetRows = new Map<number, string[]>();
    let row = 1;
    if (title >= 1) sheetRows.set(row++, ['DANH SÁCH TRẠM BTS — Sở KH&CN Hải Phòng']);
    if (title >= 2) sheetRows.set(row++, ['Ngày 01/07/2025']);
    if (title >= 1) row++; // a blank row under the title block
    sheetRows.set(row++, columns);
    const entries: GeneratedEntry[] = [];
    rows.forEach((generated, i) => {
      const cells = mapCells(generated.cells, xmlSafe);
      const texts = columns.map((column) => cells[column]);
      sheetRows.set(row, texts);
      if (texts.some((text) => text.trim() !== '')) entries.push({ place: row, id: spec.keptId(cells, row) });
      row += 1 + blanksAfter[i % blanksAfter.length];
    });
    const merge = title >= 1 ? `A1:${columnLetters(columns.length - 1)}1` : null;
    return { name, content: zipSync(workbookParts('Trạm BTS', sheetRows, merge)), entries };
  });
}
