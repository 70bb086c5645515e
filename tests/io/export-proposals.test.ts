import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/model.ts';
import type { ProposalEvaluation } from '../../src/core/siting/evaluate-proposals.ts';
import { toCsv } from '../../src/io/export-table.ts';
import { approvedSitesGeojson, proposalDecisionsTable } from '../../src/io/export-proposals.ts';
import type { SiteDecision } from '../../src/io/scenario-file.ts';

const evaluation = (siteId: string, lifted: number): ProposalEvaluation => ({
  siteId, operator: 'Viettel', lon: 106.65, lat: 20.85, cellIds: [`${siteId}-1`], householdsCovered: 40, householdsLifted: lifted,
  householdsDuplicated: 40 - lifted, duplicateShare: (40 - lifted) / 40,
  wards: [{ wardId: 'W', wardName: 'Xã Thử', householdsCovered: 40, householdsLifted: lifted }],
  nearestExistingSiteId: 'S1', nearestExistingDistanceM: 1234.4,
});
const CELL: Cell = {
  cellId: 'P1-1', siteId: 'P1', lon: 106.65, lat: 20.85, operator: 'Viettel', technology: '4G', bandMhz: 1800, heightM: 30,
  azimuthDeg: null, beamwidthDeg: 360, tiltDeg: null, rsPowerDbm: 15, antennaGainDbi: 15, feederLossDb: 2, model: null,
  environment: null, status: 'proposed', channel: null, bandwidthMhz: null,
};

describe('proposal review exports', () => {
  const decisions = new Map<string, SiteDecision>([
    ['P1', { siteId: 'P1', decision: 'approved', comment: '=HYPERLINK("x")', decidedAt: '2026-11-23T10:00:00.000Z' }],
    ['P2', { siteId: 'P2', decision: 'rejected', comment: 'trùng vùng phủ', decidedAt: null }],
  ]);

  it('lists every site with its evaluation and decision; duplicate % = 10/40 = 25 %', () => {
    const table = proposalDecisionsTable([evaluation('P1', 30), evaluation('P2', 0), evaluation('P3', 5)], decisions);
    expect(table.rows[0]).toEqual(['P1', 'Viettel', 106.65, 20.85, 30, 40, 25, 'Xã Thử', 'S1', 1234, 'approved', '=HYPERLINK("x")', '2026-11-23T10:00:00.000Z']);
    expect(table.rows[2].slice(10)).toEqual(['', '', '']);
    // the comment that looks like a formula is written as text in the CSV
    expect(toCsv(table).split('\r\n')[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('exports the approved sites only, with their cells', () => {
    const collection = approvedSitesGeojson([evaluation('P1', 30), evaluation('P2', 0)], [CELL], decisions);
    expect(collection.features.map((feature) => feature.properties.site_id)).toEqual(['P1']);
    expect(collection.features[0].properties.cells).toEqual([CELL]);
    expect(collection.features[0].geometry.coordinates).toEqual([106.65, 20.85]);
  });
});
