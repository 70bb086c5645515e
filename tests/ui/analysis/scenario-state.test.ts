import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Cell } from '../../../src/core/model.ts';
import { parseScenario, serializeScenario } from '../../../src/io/scenario-file.ts';
import { applyScenarioCells, buildScenario, sitesOfCells } from '../../../src/ui/siting/scenario-state.ts';

const cell = (cellId: string, siteId: string, heightM = 30): Cell => ({
  cellId, siteId, lon: 106.7, lat: 20.85, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM, azimuthDeg: 0,
  beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2, model: null, environment: null,
  status: 'existing', channel: null, bandwidthMhz: null,
});

describe('scenario state', () => {
  const scenario = buildScenario(
    {
      name: 'Kịch bản <thử>',
      settings: { ...DEFAULT_SETTINGS, technology: '5G', operator: 'Viettel' },
      edited: [cell('A-1', 'A', 45)],
      added: [{ ...cell('P-001-1', 'P-001'), status: 'proposed' }, { ...cell('P-001-2', 'P-001'), status: 'proposed' }],
      decisions: [{ siteId: 'X', decision: 'approved', comment: 'ok', decidedAt: null }],
    },
    '2026-11-23T10:00:00.000Z',
  );

  it('round-trips through the scenario file without loss', () => {
    const parsed = parseScenario(serializeScenario(scenario));
    expect(parsed).toEqual({ ok: true, scenario });
  });

  it('applies edits by cell id and reports ids the layer lacks', () => {
    const base = [cell('A-1', 'A'), cell('B-1', 'B')];
    const applied = applyScenarioCells(base, { ...scenario, cells: { ...scenario.cells, edited: [cell('A-1', 'A', 45), cell('Z-1', 'Z')], removed: ['B-1'] } });
    expect(applied.cells.map((c) => [c.cellId, c.heightM])).toEqual([['A-1', 45]]);
    expect(applied.edited.map((c) => c.cellId)).toEqual(['A-1']);
    expect(applied.missing).toEqual(['Z-1']);
  });

  it('groups added cells into sites in order', () => {
    expect(sitesOfCells(scenario.cells.added).map((site) => [site.siteId, site.cells.length])).toEqual([['P-001', 2]]);
  });
});
