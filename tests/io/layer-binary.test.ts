/**
 * The compact binary form of the embedded layers (src/io/layer-binary.ts): the header as documented, exact numbers
 * (decimal text and the decoded double agree), every parsed layer read back as its parser gave it, and every kind
 * of damage refused with a LayerBinaryError (never a crash, never wrong data).
 */
import { describe, expect, it } from 'vitest';
import { idsArray, JoinedIds } from '../../src/core/household-ids.ts';
import { decodeLayerBinary, encodeLayerBinary, fnv1a, isLayerBinary, LayerBinaryError, type BinaryLayerImport } from '../../src/io/layer-binary.ts';
import { parseFibre } from '../../src/io/parse-fibre.ts';
import { parseHouseholds } from '../../src/io/parse-households.ts';
import { parseSites } from '../../src/io/parse-sites.ts';

const SOURCE = { file: 'x.csv', bytes: 10, fnv1a: 1 };

/** A layer's result with the households' ids as an array (parsed and decoded, they are one text: compared as values). */
function withIdArray(layer: BinaryLayerImport): BinaryLayerImport['result'] {
  if (layer.layer !== 'households') return layer.result;
  return { ...layer.result, data: { ...layer.result.data, ids: idsArray(layer.result.data.ids) } };
}

const HOUSEHOLDS = [
  'household_id,lon,lat,count,ward_id',
  'H1,106.611293,20.889541,57,11602',
  'H2,106.6106870,20.889473,45,11602',
  'Nhà số 3,106.1,20.0000001,1,',
  'H4,107,21,3,11948',
  'H5,-0.000001,20.5,2,11602',
].join('\n');

const SITES = [
  'site_id,cell_id,lon,lat,operator,technology,band_mhz,height_m,azimuth_deg,beamwidth_deg,tilt_deg,rs_power_dbm,antenna_gain_dbi,feeder_loss_db,model,environment,status',
  'VTL0001,VTL0001-L1800-1,106.758858,20.851503,Viettel,4G,1800,31,108,65,5,18.2,17.5,0.5,,,existing',
  'VTL0001,VTL0001-L1800-2,106.758858,20.851503,Viettel,4G,1800,31,,360,,18.2,17.5,0.5,cost231-hata,urban,existing',
  'MBF0002,MBF0002-N3500-1,106.7,20.85,MobiFone,5G,3500,25.5,240,65,6,15,24,0,,suburban,planned',
].join('\n');

const FIBRE = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { route_id: 'R1', kind: 'backbone', operator: 'VNPT' }, geometry: { type: 'LineString', coordinates: [[106.1, 20.1], [106.2, 20.15], [106.3, 20.2]] } },
    {
      type: 'Feature',
      properties: { route_id: 'R2', kind: 'distribution', operator: null },
      geometry: { type: 'MultiLineString', coordinates: [[[106.1, 20.1], [106.1000001, 20.2]], [[106.3, 20.3], [106.31, 20.31]]] },
    },
    { type: 'Feature', properties: { node_id: 'AN-1', capacity: 128, used: 73 }, geometry: { type: 'Point', coordinates: [106.2, 20.15] } },
    { type: 'Feature', properties: { node_id: 'AN-2' }, geometry: { type: 'Point', coordinates: [106.25, 20.16] } },
  ],
});

const parsedLayers = (): BinaryLayerImport[] => [
  { layer: 'households', result: parseHouseholds(HOUSEHOLDS, 'households.csv') },
  { layer: 'sites', result: parseSites(SITES, 'sites.csv') },
  { layer: 'fibre', result: parseFibre(FIBRE, 'fibre.geojson') },
];

/** The bytes with the payload's hash written again (a file damaged on purpose, yet passing the checksum). */
function rehashed(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(12, fnv1a(bytes.subarray(16)), true);
  return bytes;
}

/** The file with its directory (JSON) replaced by `edit` of it, the blocks moved by the length change. */
function withDirectory(bytes: Uint8Array, edit: (directory: Record<string, unknown>) => void): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const length = view.getUint32(16, true);
  const directory = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + length))) as Record<string, unknown>;
  edit(directory);
  const edited = new TextEncoder().encode(JSON.stringify(directory).padEnd(length, ' '));
  expect(edited.length).toBe(length);
  const copy = bytes.slice();
  copy.set(edited, 20);
  return rehashed(copy);
}

describe('FNV-1a (32 bits)', () => {
  it('gives the published test vectors', () => {
    // http://www.isthe.com/chongo/src/fnv/test_fnv.c: FNV1A_32 of "", "a", "foobar"
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(fnv1a(ascii(''))).toBe(0x811c9dc5);
    expect(fnv1a(ascii('a'))).toBe(0xe40c292c);
    expect(fnv1a(ascii('foobar'))).toBe(0xbf9cf968);
  });
});

describe('encodeLayerBinary / decodeLayerBinary', () => {
  it('writes the documented header: magic, version 1, payload length, payload hash', () => {
    const [households] = parsedLayers();
    const bytes = encodeLayerBinary(households, SOURCE);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('PHSB');
    expect(view.getUint32(4, true)).toBe(1);
    expect(view.getUint32(8, true)).toBe(bytes.length - 16);
    expect(view.getUint32(12, true)).toBe(fnv1a(bytes.subarray(16)));
    expect(isLayerBinary(bytes)).toBe(true);
    expect(isLayerBinary(new TextEncoder().encode(HOUSEHOLDS))).toBe(false);
  });

  for (const parsed of parsedLayers()) {
    it(`reads the ${parsed.layer} layer back as its parser gave it (data, report, null fields, key order)`, () => {
      expect(parsed.result.status).not.toBe('failed');
      const decoded = decodeLayerBinary(encodeLayerBinary(parsed, SOURCE), parsed.layer);
      expect(withIdArray(decoded)).toStrictEqual(withIdArray(parsed));
      expect(decoded.source).toEqual(SOURCE);
      if (parsed.layer === 'sites') expect(Object.keys((decoded.result.data as object[])[1])).toEqual(Object.keys((parsed.result.data as object[])[1]));
    });
  }

  it('keeps the text files\' decimals exactly: the decoded doubles are the ones parseFloat gives', () => {
    const decoded = decodeLayerBinary(encodeLayerBinary(parsedLayers()[0], SOURCE), 'households');
    if (decoded.layer !== 'households') throw new Error('not households');
    expect([...decoded.result.data.lon]).toEqual([parseFloat('106.611293'), parseFloat('106.6106870'), parseFloat('106.1'), 107, parseFloat('-0.000001')]);
    expect(decoded.result.data.lat[2]).toBe(parseFloat('20.0000001'));
    expect(decoded.result.data.wardId).toEqual(['11602', '11602', null, '11948', '11602']);
    expect(decoded.result.data.ids.at(2)).toBe('Nhà số 3');
  });

  it('keeps numbers that fit no 6-decimal integer as doubles (0.1 + 0.2, 1e12, 2^-30)', () => {
    const result = parseHouseholds('household_id,lon,lat,count\nA,106.5,20.5,1\nB,106.5,20.5,2\n', 'h.csv');
    result.data.lon[0] = 0.1 + 0.2;
    result.data.lat[0] = 2 ** -30;
    result.data.lon[1] = 1e12;
    const decoded = decodeLayerBinary(encodeLayerBinary({ layer: 'households', result }, SOURCE), 'households');
    expect(withIdArray(decoded)).toStrictEqual(withIdArray({ layer: 'households', result }));
  });

  it('keeps the households\' ids as their one text and each id\'s end in it (JoinedIds), as the text column stores them', () => {
    const decoded = decodeLayerBinary(encodeLayerBinary(parsedLayers()[0], SOURCE), 'households');
    if (decoded.layer !== 'households') throw new Error('not households');
    const ids = decoded.result.data.ids;
    expect(ids).toBeInstanceOf(JoinedIds);
    expect((ids as JoinedIds).text).toBe('H1H2Nhà số 3H4H5');
    // ends in UTF-16 code units: 'H1' 2, 'H2' 4, 'Nhà số 3' (8 units) 12, 'H4' 14, 'H5' 16
    expect([...(ids as JoinedIds).ends]).toEqual([2, 4, 12, 14, 16]);
    expect(idsArray(ids)).toEqual(['H1', 'H2', 'Nhà số 3', 'H4', 'H5']);
  });

  it('makes the households\' arrays in shared memory when asked: the same values, over SharedArrayBuffers', () => {
    const bytes = encodeLayerBinary(parsedLayers()[0], SOURCE);
    const plain = decodeLayerBinary(bytes, 'households');
    const shared = decodeLayerBinary(bytes, 'households', { shared: true });
    if (plain.layer !== 'households' || shared.layer !== 'households') throw new Error('not households');
    const { lon, lat, count, ids } = shared.result.data;
    for (const array of [lon, lat, count, (ids as JoinedIds).ends]) expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(plain.result.data.lon.buffer).toBeInstanceOf(ArrayBuffer);
    expect(withIdArray(shared)).toStrictEqual(withIdArray(plain));
  });

  it('gives the same bytes for the same import', () => {
    for (const parsed of parsedLayers()) expect(encodeLayerBinary(parsed, SOURCE)).toEqual(encodeLayerBinary(parsed, SOURCE));
  });
});

describe('a damaged, stale or foreign binary form is refused with a reason', () => {
  const good = () => encodeLayerBinary(parsedLayers()[0], SOURCE);
  const refusal = (bytes: Uint8Array, layer: 'households' | 'sites' | 'fibre' = 'households'): string => {
    try {
      decodeLayerBinary(bytes, layer);
    } catch (error) {
      expect(error).toBeInstanceOf(LayerBinaryError);
      return (error as Error).message;
    }
    throw new Error('the damaged file was read');
  };

  it('a flipped byte anywhere in the payload: checksum', () => {
    const bytes = good();
    for (const at of [16, 40, bytes.length - 1]) {
      const damaged = bytes.slice();
      damaged[at] ^= 0x10;
      expect(refusal(damaged)).toMatch(/checksum/);
    }
  });

  it('truncated or padded: length', () => {
    expect(refusal(good().subarray(0, 100))).toMatch(/truncated/);
    const padded = new Uint8Array(good().length + 8);
    padded.set(good());
    expect(refusal(padded)).toMatch(/truncated/);
  });

  it('another format version: says which and how to regenerate', () => {
    const bytes = good();
    new DataView(bytes.buffer).setUint32(4, 2, true);
    expect(refusal(bytes)).toMatch(/version 2.*version 1.*generate-data/);
  });

  it('another layer, text, an empty file', () => {
    expect(refusal(good(), 'sites')).toMatch(/households layer, not sites/);
    expect(refusal(new TextEncoder().encode(HOUSEHOLDS))).toMatch(/not a phusong binary/);
    expect(refusal(new Uint8Array(0))).toMatch(/not a phusong binary/);
  });

  it('a directory pointing outside the file, at unaligned offsets, or at codes outside the table (checksum passing)', () => {
    const pointingAt = (name: string, change: (column: Record<string, unknown>) => void) =>
      withDirectory(good(), (directory) => change((directory.columns as Array<Record<string, unknown>>).find((column) => column.name === name)!));
    // the largest multiple of 8 with as many digits as the offset: past the end of this small file
    const farOffset = (offset: number) => 10 ** String(offset).length - 8;
    expect(farOffset(544)).toBeGreaterThan(good().length);
    expect(refusal(pointingAt('lon', (column) => (column.offset = farOffset(column.offset as number))))).toMatch(/column lon lies outside/);
    expect(refusal(pointingAt('lat', (column) => (column.offset = (column.offset as number) + 1)))).toMatch(/column lat lies outside/);
    expect(refusal(pointingAt('count', (column) => (column.length = 4)))).toMatch(/column count holds 4 values, not 5/);
    expect(refusal(pointingAt('wardId', (column) => (column.table = ['11602'])))).toMatch(/wardId: code 1 outside its table/);
    expect(refusal(pointingAt('ids', (column) => (column.kind = 'u32')))).toMatch(/ids is not a string column/);
    // the ids' text one byte short (its last id cut) or their lengths one short of it
    expect(refusal(pointingAt('ids', (column) => (column.textBytes = (column.textBytes as number) - 1)))).toMatch(/ids: string 4 outside its text/);
    const fewer = withDirectory(good(), (directory) => {
      const ids = (directory.columns as Array<Record<string, unknown>>).find((column) => column.name === 'ids')!;
      ids.length = 4;
      for (const column of directory.columns as Array<Record<string, unknown>>) if (column.name !== 'ids') column.length = 4;
    });
    expect(refusal(fewer)).toMatch(/ids: the string lengths do not add up to its text/);
  });

  it('an unreadable directory', () => {
    const bytes = good();
    bytes[20] = 0x7b + 1; // the directory's opening brace
    expect(refusal(rehashed(bytes))).toMatch(/unreadable directory/);
  });
});
