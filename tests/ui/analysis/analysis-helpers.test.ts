import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS_DBM, type Cell } from '../../../src/core/model.ts';
import { fibreClass, weakPctClass } from '../../../src/ui/analysis/analysis-colours.ts';
import { applyDraft, draftAfterChange, draftOf } from '../../../src/ui/analysis/cell-edit.ts';
import { parseStoredThresholds } from '../../../src/ui/analysis/threshold-store.ts';
import { exportBaseName } from '../../../src/ui/export/analysis-exports.ts';

const CELL: Cell = {
  cellId: 'C1', siteId: 'S1', lon: 106.7, lat: 20.85, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
  azimuthDeg: 120, beamwidthDeg: 65, tiltDeg: 4, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2, model: null,
  environment: null, status: 'existing', channel: null, bandwidthMhz: null,
};

describe('choropleth classes', () => {
  it('puts weak % into the classes 0–5, 5–10, 10–20, 20–40, ≥ 40 (lower bound inclusive)', () => {
    expect([0, 4.99, 5, 9.9, 10, 19.99, 20, 39.9, 40, 100].map(weakPctClass)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('breaks fibre % at the 80 % and 90 % targets', () => {
    expect([79.99, 80, 89.99, 90, 100].map((pct) => fibreClass(pct, 80, 90))).toEqual(['belowLow', 'between', 'between', 'reached', 'reached']);
  });
});

describe('signal thresholds', () => {
  it('reads stored thresholds back, and falls back to the defaults on anything unusable', () => {
    expect(parseStoredThresholds('{"good":-95,"fair":-105,"weak":-115}')).toEqual({ good: -95, fair: -105, weak: -115 });
    expect(parseStoredThresholds('{"good":"-95","fair":-105,"weak":-115}')).toEqual(DEFAULT_THRESHOLDS_DBM);
    expect(parseStoredThresholds('{"good":-120,"fair":-110,"weak":-100}')).toEqual(DEFAULT_THRESHOLDS_DBM);
    expect(parseStoredThresholds('not json')).toEqual(DEFAULT_THRESHOLDS_DBM);
    expect(parseStoredThresholds(null)).toEqual(DEFAULT_THRESHOLDS_DBM);
  });
});

describe('cell editor draft', () => {
  it('round-trips a cell and applies typed values, a decimal comma included', () => {
    expect(applyDraft(CELL, draftOf(CELL))).toEqual({ cell: CELL });
    const edited = applyDraft(CELL, { ...draftOf(CELL), heightM: '45,5', lon: '106.71', azimuthDeg: '' });
    expect(edited).toEqual({ cell: { ...CELL, heightM: 45.5, lon: 106.71, azimuthDeg: null } });
  });

  it('names the first field out of the importer ranges or not a number', () => {
    expect(applyDraft(CELL, { ...draftOf(CELL), heightM: '0' })).toEqual({ invalidField: 'heightM' });
    expect(applyDraft(CELL, { ...draftOf(CELL), rsPowerDbm: 'abc' })).toEqual({ invalidField: 'rsPowerDbm' });
    expect(applyDraft(CELL, { ...draftOf(CELL), lat: '' })).toEqual({ invalidField: 'lat' });
    expect(applyDraft(CELL, { ...draftOf(CELL), azimuthDeg: '361' })).toEqual({ invalidField: 'azimuthDeg' });
  });

  it('keeps what was typed when its cell comes back changed, and takes the change in the fields not typed in', () => {
    // the edit applied (45 m high) comes back while the power of the next one is typed: both stay
    const applied = { ...CELL, heightM: 45 };
    const typed = { ...draftOf(applied), rsPowerDbm: '20' };
    expect(draftAfterChange(typed, CELL, applied)).toEqual(typed);
    // a drag while the power is typed: the new position, the typed power
    const dragged = { ...CELL, lon: 106.72 };
    expect(draftAfterChange({ ...draftOf(CELL), rsPowerDbm: '20' }, CELL, dragged)).toEqual({ ...draftOf(dragged), rsPowerDbm: '20' });
    // nothing typed: the change shows
    expect(draftAfterChange(draftOf(CELL), CELL, dragged)).toEqual(draftOf(dragged));
    // another cell: its own values, whatever was typed
    const other = { ...CELL, cellId: 'other', heightM: 12 };
    expect(draftAfterChange(typed, CELL, other)).toEqual(draftOf(other));
  });
});

describe('export file names', () => {
  it('carry the technology, an ASCII operator and the date', () => {
    const date = new Date('2026-11-23T10:00:00Z');
    expect(exportBaseName('wards', { technology: '4G', operator: null }, date)).toBe('wards_4G_all_2026-11-23');
    expect(exportBaseName('zones', { technology: '2G', operator: 'VNPT/VinaPhone' }, date)).toBe('zones_2G_VNPT-VinaPhone_2026-11-23');
    expect(exportBaseName('wards', { technology: '5G', operator: 'Mạng Đông Á' }, date)).toBe('wards_5G_Mang-Dong-A_2026-11-23');
  });
});
