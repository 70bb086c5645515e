/**
 * The planner's report made by the worker session on the hand-worked network of hand-worked-network.ts: one
 * omnidirectional 4G cell (free-space loss) and households at 1 km (10, good), 35 km (5, weak) and 120 km
 * (5, none). Unit W holds the 10 good households, unit E the 5 weak and 5 none (100 % weak or none). The XLSX is
 * read back and its figures compared with those hand-worked counts.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIBRE_COSTS } from '../../src/core/fibre/fibre-plan-types.ts';
import { REPORT_SECTIONS } from '../../src/core/report/report-model.ts';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { runSteps } from '../../src/core/steps.ts';
import { TARGET_SCHEMA_VERSION, type TargetSet } from '../../src/core/targets/target-set.ts';
import { EngineSession } from '../../src/worker/engine-session.ts';
import type { ReportRequest } from '../../src/worker/protocol.ts';
import { writeReport } from '../../src/worker/report-files.ts';
import { handWorkedSession, noProgress, WARDS } from './hand-worked-network.ts';

function analysedSession(): EngineSession {
  const s = handWorkedSession();
  s.analyse({ settings: DEFAULT_SETTINGS, zones: true }, noProgress);
  return s;
}

function request(scope: ReportRequest['options']['scope']): ReportRequest {
  return {
    options: { organisation: 'Sở thử', title: null, date: '2026-12-02', language: 'vi', scope, sections: [...REPORT_SECTIONS] },
    format: 'xlsx',
    sources: [{ layer: 'wards', name: 'w.geojson', date: null, synthetic: null }],
    fibreTargetsPct: [],
    fibreCosts: DEFAULT_FIBRE_COSTS,
    sitesGoal: null,
    decisions: [],
    fonts: null,
    targets: null,
  };
}

/** Every row of every sheet, as plain values. */
async function workbookRows(bytes: Uint8Array): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1))));
  return rows;
}

describe('EngineSession.reportSteps', () => {
  it('reports the units with the hand-worked counts: E has 10 households, 5 weak, 5 none', async () => {
    const document = runSteps(analysedSession().reportSteps(request({ kind: 'city' })));
    const { bytes, type } = await writeReport(document, 'xlsx', null, () => undefined);
    expect(type).toContain('spreadsheetml');
    const rows = await workbookRows(bytes);
    // the units sheet: code, name, former district, households, good, fair, weak, none, weak + none, share (%)
    // (then the 4G speed columns: median throughput, households at 40 Mb/s, their share)
    const unitRow = (id: string) => rows.find((row) => row[0] === id && row.length > 10)?.slice(0, 10);
    expect(unitRow('E')).toEqual(['E', 'Đông', '', 10, 0, 0, 5, 5, 10, 100]);
    expect(unitRow('W')).toEqual(['W', 'Tây', '', 10, 10, 0, 0, 0, 0, 0]);
  });

  it('evaluates the target set on the working network: weak/none 10 of 20 households against 0 %', async () => {
    const set: TargetSet = {
      schemaVersion: TARGET_SCHEMA_VERSION,
      id: 'thu',
      name: { vi: 'Bộ thử', en: 'Test set' },
      description: null,
      targets: [
        {
          id: 'weak', indicator: 'weak_signal_households', technology: '4G', scope: { kind: 'city' }, threshold: 0, unit: '%', deadline: '2030', name: null,
          source: { document: 'QĐ thử', date: null, article: null, url: null, note: null },
        },
      ],
    };
    const document = runSteps(analysedSession().reportSteps({ ...request({ kind: 'city' }), targets: { set, extraCells: [], fibrePassed: null, plan: false } }));
    const rows = await workbookRows((await writeReport(document, 'xlsx', null, () => undefined)).bytes);
    const row = rows.find((cells) => cells.includes('weak')) ?? [];
    // 10 of the 20 households are weak or none: 50 %, 50 points above the 0 % target; nothing planned
    expect(row.filter((value) => typeof value === 'number')).toEqual([50, 0, 50]);

    // planned as `phusong report` does: one new site at B (35 km) and one at C (120 km) lift the 10 weak/none
    const planned = runSteps(analysedSession().reportSteps({ ...request({ kind: 'city' }), targets: { set, extraCells: [], fibrePassed: null, plan: true } }));
    const plannedRow = (await workbookRows((await writeReport(planned, 'xlsx', null, () => undefined)).bytes)).find((cells) => cells.includes('weak')) ?? [];
    expect(plannedRow.filter((value) => typeof value === 'number')).toEqual([50, 0, 50, 2]);
  });

  it('refuses a unit that is not in the layout, and a report before any analysis', () => {
    expect(() => runSteps(analysedSession().reportSteps(request({ kind: 'units', unitIds: ['X'] })))).toThrow(/X/);
    const bare = new EngineSession();
    bare.load({ layer: 'wards', file: 'w.geojson' }, WARDS, noProgress);
    expect(() => runSteps(bare.reportSteps(request({ kind: 'city' })))).toThrow(/analys/);
  });
});
