/**
 * Undo through the worker (issue 11): the app undoes an edit by sending its inverse edit to the worker and applying
 * the reply's delta to its copy of the result, as for any edit. Here a page-like copy follows a real EngineSession
 * through edits of every kind the analysis holds (a cell's power and tilt, proposed sites added, dragged and
 * deleted), then undoes them all and redoes them all: the copy must come back to the analysis exactly (every
 * household's result, every ward row) and, after the edits, equal a fresh analysis of the edited network.
 */
import { describe, expect, it } from 'vitest';
import { COVERAGE_ARRAYS, applyCoverageDelta, type CoverageResult } from '../../src/core/coverage/coverage-result.ts';
import { applyWardStatisticsDelta, type WardStatisticsResult } from '../../src/core/coverage/ward-statistics.ts';
import { DEFAULT_SETTINGS, type Cell } from '../../src/core/model.ts';
import { applyEdit, type EditAppliers } from '../../src/ui/history/apply-edit.ts';
import { EMPTY_HISTORY, invertEdit, recordEdit, takeRedo, takeUndo, type Edit, type SiteCells } from '../../src/ui/history/edit-history.ts';
import { EngineSession } from '../../src/worker/engine-session.ts';
import type { CellChangeResponse } from '../../src/worker/protocol.ts';
import { at } from '../helpers/local-metres.ts';
import { randomCity } from '../helpers/random-city.ts';
import { noProgress } from './hand-worked-network.ts';

/** Four wards: the quadrants around the random city's origin (each 12 km square). */
function quadrantWards(): string {
  const ring = (e0: number, n0: number, e1: number, n1: number) => [[at(e0, n0), at(e1, n0), at(e1, n1), at(e0, n1), at(e0, n0)]];
  const quadrants = [[-12000, -12000, 0, 0], [0, -12000, 12000, 0], [-12000, 0, 0, 12000], [0, 0, 12000, 12000]] as const;
  return JSON.stringify({
    type: 'FeatureCollection',
    features: quadrants.map((q, w) => ({ type: 'Feature', properties: { ward_id: `Q${w}`, name: `Góc ${w}` }, geometry: { type: 'Polygon', coordinates: ring(q[0], q[1], q[2], q[3]) } })),
  });
}

const CITY = randomCity(11, 1500, 40);

/** A session with the random city's wards and households and these cells, analysed (4G, zones off). */
function analysedSession(cells: Cell[]) {
  const { points } = CITY;
  const session = new EngineSession();
  session.load({ layer: 'wards', file: 'wards.geojson' }, quadrantWards(), noProgress);
  const rows = Array.from({ length: points.length }, (_, i) => `${points.ids.at(i)},${points.lon[i]},${points.lat[i]},${points.count[i]}`);
  session.load({ layer: 'households', file: 'households.csv' }, `household_id,lon,lat,count\n${rows.join('\n')}\n`, noProgress);
  session.setCells(cells);
  const { coverage, statistics } = session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress).value;
  return { session, coverage, statistics };
}

/**
 * What the page does with the worker (use-analysis, use-proposed-sites): applies each reply's delta to its copy,
 * keeps the proposed sites' cell indices, and puts a deleted site back into its own reserved slots.
 */
function pageCopy(session: EngineSession, coverage: CoverageResult, statistics: WardStatisticsResult) {
  const copy = { coverage, statistics, sites: new Map<string, { cells: readonly Cell[]; indices: number[] }>() };
  const freed = new Map<string, number[]>();
  const take = (reply: CellChangeResponse) => {
    applyCoverageDelta(copy.coverage, reply);
    copy.statistics = applyWardStatisticsDelta(copy.statistics, reply.statistics);
    return reply.cellIndex;
  };
  const appliers: EditAppliers = {
    updateCell: async (cellIndex, cell) => (take(session.updateCell(cellIndex, cell).value), true),
    restoreSites: async (sites) => {
      for (const site of sites) {
        const slots = freed.get(site.siteId);
        const indices = slots !== undefined
          ? (take(session.updateCells(slots.map((cellIndex, k) => ({ cellIndex, cell: site.cells[k] }))).value), slots)
          : site.cells.map((cell) => take(session.addCell(cell).value));
        freed.delete(site.siteId);
        copy.sites.set(site.siteId, { cells: site.cells, indices });
      }
      return sites;
    },
    removeSites: async (siteIds) => {
      const removed: SiteCells[] = [];
      for (const siteId of siteIds) {
        const site = copy.sites.get(siteId)!;
        for (const cellIndex of site.indices) take(session.removeCell(cellIndex).value);
        freed.set(siteId, site.indices);
        copy.sites.delete(siteId);
        removed.push({ siteId, cells: site.cells });
      }
      return removed;
    },
    moveSite: async (siteId, lon, lat) => {
      const site = copy.sites.get(siteId)!;
      const cells = site.cells.map((cell) => ({ ...cell, lon, lat }));
      take(session.updateCells(site.indices.map((cellIndex, k) => ({ cellIndex, cell: cells[k] }))).value);
      copy.sites.set(siteId, { cells, indices: site.indices });
      return true;
    },
    setDecision: () => undefined,
    setExtensions: () => false,
  };
  return { copy, appliers };
}

/** A three-sector proposed site at eastM, northM from the origin (the default 4G template's radio values). */
function proposedSite(siteId: string, eastM: number, northM: number, template: Cell): SiteCells {
  const [lon, lat] = at(eastM, northM);
  return { siteId, cells: [0, 120, 240].map((azimuthDeg, k) => ({ ...template, cellId: `${siteId}-${k + 1}`, siteId, lon, lat, azimuthDeg, status: 'proposed' as const })) };
}

function snapshotOf(coverage: CoverageResult): Record<string, number[]> {
  return Object.fromEntries(COVERAGE_ARRAYS.map((name) => [name, Array.from(coverage[name])]));
}

describe('undo and redo through the worker', () => {
  it('brings every household and ward row back exactly, and redoing equals a fresh analysis of the edited network', async () => {
    const { cells } = CITY;
    const { session, coverage, statistics } = analysedSession(cells);
    const before = { coverage: snapshotOf(coverage), statistics: structuredClone(statistics) };
    const { copy, appliers } = pageCopy(session, coverage, statistics);
    const template = { ...cells[0], model: null, rsPowerDbm: 15, heightM: 30, tiltDeg: 4, beamwidthDeg: 65 };

    const edits: Edit[] = [
      { kind: 'cell', cellIndex: 3, before: cells[3], after: { ...cells[3], rsPowerDbm: cells[3].rsPowerDbm - 6, tiltDeg: 8 } },
      { kind: 'addSites', sites: [proposedSite('NEW-001', 2000, -1500, template), proposedSite('NEW-002', -4000, 3000, template)] },
      { kind: 'moveSite', siteId: 'NEW-001', from: at(2000, -1500), to: at(2600, -900) },
      { kind: 'cell', cellIndex: 17, before: cells[17], after: { ...cells[17], rsPowerDbm: cells[17].rsPowerDbm + 3 } },
      { kind: 'deleteSites', sites: [proposedSite('NEW-002', -4000, 3000, template)] },
    ];
    let history = EMPTY_HISTORY;
    for (const edit of edits) {
      expect(await applyEdit(edit, appliers)).toBe(true);
      history = recordEdit(history, edit);
    }
    const edited = { coverage: snapshotOf(copy.coverage), statistics: structuredClone(copy.statistics) };
    // the edits changed something city-wide
    expect(edited.statistics.total).not.toEqual(before.statistics.total);

    // the edited network analysed afresh: imported cells as edited, then the proposed site left (NEW-001, moved)
    const network = cells.map((cell, c) => (c === 3 || c === 17 ? (edits[c === 3 ? 0 : 3] as { after: Cell }).after : cell));
    const freshStatistics = analysedSession([...network, ...copy.sites.get('NEW-001')!.cells]).statistics;
    const counts = (result: WardStatisticsResult) => result.wards.map(({ good, fair, weak, none, households }) => ({ good, fair, weak, none, households }));
    expect(counts(copy.statistics)).toEqual(counts(freshStatistics));

    for (let taken = takeUndo(history); taken !== null; taken = takeUndo(history)) {
      expect(await applyEdit(invertEdit(taken.edit), appliers)).toBe(true);
      history = taken.history;
    }
    expect(snapshotOf(copy.coverage)).toEqual(before.coverage);
    expect(copy.statistics).toEqual(before.statistics);
    expect(copy.sites.size).toBe(0);

    for (let taken = takeRedo(history); taken !== null; taken = takeRedo(history)) {
      expect(await applyEdit(taken.edit, appliers)).toBe(true);
      history = taken.history;
    }
    expect(snapshotOf(copy.coverage)).toEqual(edited.coverage);
    expect(copy.statistics).toEqual(edited.statistics);
  });
});
