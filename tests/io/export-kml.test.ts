/**
 * KML export: every text is escaped as XML data. Checked with a strict XML parser (saxes, the parser exceljs
 * uses): the document must be well-formed and give back exactly the texts that went in.
 */
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/model.ts';
import { escapeXml } from '../../src/core/escape-xml.ts';
import { sitesToKml } from '../../src/io/export-kml.ts';

const HOSTILE = `</name><script>alert("x")</script> & 'Trạm' ]]> <![CDATA[`;

function cell(siteId: string, overrides: Partial<Cell> = {}): Cell {
  return {
    cellId: `${siteId}-1`, siteId, lon: 106.68, lat: 20.86, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
    azimuthDeg: 0, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2, model: null,
    environment: null, status: 'planned', ...overrides,
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
    expect(texts.get('description')?.[0]).toContain(`comment: <b>đồng ý</b> "ok"`);
  });

  it('never lets imported text become markup', () => {
    expect(kml).not.toContain('<script>');
    expect(kml).not.toContain('<b>');
    expect(kml).not.toContain('<![CDATA[');
  });
});
