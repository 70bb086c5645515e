/**
 * KML export: every text is escaped as XML data. Checked with a strict XML parser (saxes, the parser exceljs
 * uses): the document must be well-formed and give back exactly the texts that went in.
 */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/model.ts';
import { escapeXml } from '../../src/core/escape-xml.ts';
import { kmlColour, sitesToKml, toKml } from '../../src/io/export-kml.ts';
import { readKml as readKmlDocument } from '../../src/io/read-kml.ts';

const HOSTILE = `</name><script>alert("x")</script> & 'Trạm' ]]> <![CDATA[`;

function cell(siteId: string, overrides: Partial<Cell> = {}): Cell {
  return {
    cellId: `${siteId}-1`, siteId, lon: 106.68, lat: 20.86, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
    azimuthDeg: 0, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2, model: null,
    environment: null, status: 'planned', channel: null, bandwidthMhz: null, ...overrides,
  };
}

/** Parses the KML strictly; returns the text of every element by name (in order) and the Data values by name. */
function readKml(xml: string): { texts: Map<string, string[]>; data: Array<Record<string, string>> } {
  const parser = new SaxesParser({ xmlns: true });
  const texts = new Map<string, string[]>();
  const data: Array<Record<string, string>> = [];
  const stack: string[] = [];
  let dataName = '';
  let text = '';
  parser.on('opentag', (tag) => {
    stack.push(tag.local);
    text = '';
    if (tag.local === 'Placemark') data.push({});
    if (tag.local === 'Data') dataName = String(tag.attributes.name.value);
  });
  parser.on('text', (chunk) => (text += chunk));
  parser.on('closetag', (tag) => {
    stack.pop();
    texts.set(tag.local, [...(texts.get(tag.local) ?? []), text]);
    if (tag.local === 'value') data[data.length - 1][dataName] = text;
    text = '';
  });
  parser.write(xml).close();
  return { texts, data };
}

describe('escapeXml', () => {
  it('escapes the five XML characters and replaces what XML 1.0 cannot hold', () => {
    expect(escapeXml(`a & b < c > d " e ' f`)).toBe('a &amp; b &lt; c &gt; d &quot; e &apos; f');
    expect(escapeXml('bell\u0007 nul\u0000 tab\t')).toBe('bell\uFFFD nul\uFFFD tab\t');
    expect(escapeXml('lone \uD800 pair 📶')).toBe('lone \uFFFD pair 📶');
    expect(escapeXml('Hải Phòng')).toBe('Hải Phòng');
  });
});

describe('sitesToKml', () => {
  const kml = sitesToKml(
    [
      { siteId: HOSTILE, lon: 106.68, lat: 20.86, cells: [cell(HOSTILE, { operator: HOSTILE }), cell(HOSTILE, { cellId: 'x-2', azimuthDeg: 120 })], data: { comment: `<b>đồng ý</b> "ok"`, households_gained: 412 } },
      { siteId: 'NEW-002', lon: 106.7, lat: 20.9, cells: [cell('NEW-002', { azimuthDeg: null })] },
    ],
    `Kế hoạch <2026> & "trạm"`,
  );

  it('is well-formed KML 2.2 that gives back every text exactly', () => {
    const { texts, data } = readKml(kml);
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(true);
    expect(texts.get('name')).toEqual([`Kế hoạch <2026> & "trạm"`, HOSTILE, 'NEW-002']);
    expect(data[0]).toMatchObject({ operator: `${HOSTILE} / Viettel`, azimuth_deg: '0 / 120', comment: `<b>đồng ý</b> "ok"`, households_gained: '412', cells: '2' });
    expect(data[1]).toMatchObject({ azimuth_deg: 'omni', band_mhz: '1800', status: 'planned' });
    expect(texts.get('coordinates')).toEqual(['106.68,20.86,0', '106.7,20.9,0']);
    // Google Earth renders a description as HTML: the value is HTML-escaped inside the table
    expect(texts.get('description')?.[0]).toContain(`<tr><th>comment</th><td>&lt;b&gt;đồng ý&lt;/b&gt; &quot;ok&quot;</td></tr>`);
  });

  it('writes every radio field, and channel and bandwidth only for a site whose cells have them', () => {
    const { data } = readKml(sitesToKml([
      { siteId: 'A', lon: 106.68, lat: 20.86, cells: [cell('A', { feederLossDb: 3, model: 'fspl' })] },
      { siteId: 'B', lon: 106.68, lat: 20.86, cells: [cell('B', { channel: 1850, bandwidthMhz: 20 }), cell('B', { cellId: 'B-2', channel: 1850, bandwidthMhz: 15 })] },
    ], 'x'));
    expect(data[0]).toMatchObject({ beamwidth_deg: '65', feeder_loss_db: '3', model: 'fspl', environment: '', tilt_deg: '' });
    expect(Object.keys(data[0])).not.toContain('channel');
    expect(data[1]).toMatchObject({ channel: '1850', bandwidth_mhz: '20 / 15' });
  });

  it('never lets imported text become markup', () => {
    expect(kml).not.toContain('<script>');
    expect(kml).not.toContain('<b>');
    expect(kml).not.toContain('<![CDATA[');
  });
});

describe('toKml (styled) round trip through the importer (togeojson)', () => {
  const document = {
    name: 'Vùng sóng yếu <4G>',
    styles: {
      weak: { lineColour: '#d7301f', fillColour: '#fc8d59', fillOpacity: 0.4 },
      route: { lineColour: '#2171b5', lineWidth: 3 },
    },
    placemarks: [
      {
        name: HOSTILE,
        style: 'weak',
        fields: [['zone_id', 'Z1'], ['households', 120], ['note', HOSTILE]] as Array<[string, string | number]>,
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [[106.6, 20.8], [106.7, 20.8], [106.7, 20.9], [106.6, 20.8]],
            [[106.65, 20.82], [106.66, 20.82], [106.66, 20.83], [106.65, 20.82]],
          ],
        },
      },
      { name: 'R1', style: 'route', fields: [['route_id', 'R1']] as Array<[string, string]>, geometry: { type: 'MultiLineString' as const, coordinates: [[[106.6, 20.8], [106.61, 20.81]], [[106.7, 20.8], [106.71, 20.8]]] } },
      { name: 'N1', fields: [['node_id', 'N1'], ['capacity', 16]] as Array<[string, string | number]>, geometry: { type: 'Point' as const, coordinates: [106.65, 20.85] } },
    ],
  };
  const kml = toKml(document);

  it('gives back the same geometries, names and fields', async () => {
    const reading = readKmlDocument(kml);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    const [zone, route, node] = reading.features;
    // KML positions carry an altitude (0 here): compare longitude and latitude
    const flat = (value: unknown): unknown => (Array.isArray(value) && typeof value[0] === 'number' ? value.slice(0, 2) : Array.isArray(value) ? value.map(flat) : value);
    expect(flat((zone.geometry as { coordinates: unknown }).coordinates)).toEqual(document.placemarks[0].geometry.coordinates);
    expect(zone.geometry?.type).toBe('Polygon');
    expect(flat((route.geometry as { coordinates: unknown }).coordinates)).toEqual(document.placemarks[1].geometry.coordinates);
    expect(route.geometry?.type).toBe('MultiLineString');
    expect(node.geometry).toEqual({ type: 'Point', coordinates: [106.65, 20.85, 0] });
    expect(zone.properties).toMatchObject({ name: HOSTILE, zone_id: 'Z1', households: '120', note: HOSTILE });
    expect(node.properties).toMatchObject({ name: 'N1', node_id: 'N1', capacity: '16' });
  });

  it('styles placemarks by class with KML colours (aabbggrr)', () => {
    expect(kmlColour('#d7301f')).toBe('ff1f30d7');
    expect(kmlColour('#fc8d59', 0.4)).toBe('66598dfc');
    expect(kml).toContain('<Style id="s-weak"><IconStyle><color>ff1f30d7</color></IconStyle><LineStyle><color>ff1f30d7</color><width>2</width></LineStyle><PolyStyle><color>66598dfc</color></PolyStyle></Style>');
    expect(kml).toContain('<styleUrl>#s-route</styleUrl>');
  });

  it('keeps imported text out of the markup, in the XML and in the HTML of the description', () => {
    expect(kml).not.toContain('<script>');
    const { texts } = readKml(kml);
    const description = texts.get('description')![0];
    // the description is HTML for Google Earth: the text inside it is escaped once more
    expect(description).toContain('<tr><th>note</th><td>&lt;/name&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Trạm&#39; ]]&gt; &lt;![CDATA[</td></tr>');
    expect(description).not.toContain('<script>');
  });
});
