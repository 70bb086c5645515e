/**
 * The mobile networks the targets are judged on (docs/targets.md "In the app"): for each technology a target
 * names, every operator's cells of that technology — the sites layer with its edits, plus the cells the app adds
 * (its proposed sites, the approved operator proposals) — in a coverage engine of its own, so the user's analysis
 * (one technology, maybe one operator) is never disturbed. Later calls bring each engine up to date with the
 * cells that changed only (the engine's incremental edits), so a moved site or an approved proposal updates the
 * targets in milliseconds; a new households layer, other thresholds or another sites file build it again.
 */
import type { AnalysisOptions } from '../core/analyse.ts';
import { CoverageEngine } from '../core/coverage/coverage-engine.ts';
import type { CoverageResult } from '../core/coverage/coverage-result.ts';
import { partnerInput } from '../core/coverage/sums-partner.ts';
import { DEFAULT_SETTINGS, type Cell, type HouseholdPoints, type SignalThresholdsDbm, type Technology } from '../core/model.ts';
import type { PlaceEnvironment } from '../core/resolve-environment.ts';
import { inStage, type StageProgress, type Steps } from '../core/steps.ts';

/** Past this many changed cells of the sites layer (another file), the engine is built again rather than edited. */
const MAX_EDITED_CELLS = 256;

interface TargetNetwork {
  engine: CoverageEngine;
  /** Signal classes only (`signalOnly`): no SINR and throughput. */
  signalOnly: boolean;
  households: HouseholdPoints;
  thresholdsKey: string;
  /** The sites layer the engine holds at indices 0…n−1. */
  base: readonly Cell[];
  /** Extra cells by id: their engine index and the cell as last given (compared by value: they cross the worker boundary). */
  extras: Map<string, { cellIndex: number; key: string }>;
}

export class TargetNetworks {
  private readonly networks = new Map<Technology, TargetNetwork>();

  /** @param sumsPartner starts a partner for a network's interference sums, as the session's analyses do (none in Node tests) */
  constructor(private readonly sumsPartner?: AnalysisOptions['sumsPartner']) {}

  /** Forgets every engine (the households or the sites layer were replaced). */
  clear(): void {
    this.networks.clear();
  }

  /**
   * The coverage of `technology` on `base` + `extras` (its signal classes, and its SINR and throughput when
   * `withThroughput`: a speed target), built or brought up to date (progress as the 'targets' stage while an
   * engine runs). Without a speed target the engine computes the classes only (no interference sums: seconds
   * of a 4G run, and of every edit).
   */
  *coverageSteps(
    technology: Technology,
    households: HouseholdPoints,
    place: PlaceEnvironment,
    base: readonly Cell[],
    extras: readonly Cell[],
    thresholdsDbm: SignalThresholdsDbm,
    withThroughput: boolean,
  ): Steps<CoverageResult, StageProgress<'targets'>> {
    const thresholdsKey = JSON.stringify(thresholdsDbm);
    let network = this.networks.get(technology);
    if (network === undefined || !holds(network, households, thresholdsKey, base) || (withThroughput && network.signalOnly)) {
      const signalOnly = !withThroughput;
      const settings = { ...DEFAULT_SETTINGS, technology, operator: null, thresholdsDbm };
      const cells = [...base];
      const { sumsPartner } = this;
      const startPartner = sumsPartner === undefined ? null : () => sumsPartner(partnerInput(cells, households, settings, place));
      const engine = new CoverageEngine({ place, cells, households, settings, signalOnly, sumsPartner: startPartner });
      yield* inStage('targets', engine.runSteps());
      network = { engine, signalOnly, households, thresholdsKey, base, extras: new Map() };
      this.networks.set(technology, network);
    }
    syncBase(network, base);
    syncExtras(network, extras);
    const result = network.engine.result;
    if (result === null) throw new Error('target network: the engine has no result');
    return result;
  }

  /** The engine of `technology` as the last `coverageSteps` left it (what closing a target's gap sites on). */
  engineOf(technology: Technology): CoverageEngine | null {
    return this.networks.get(technology)?.engine ?? null;
  }
}

/** Whether an engine can be brought up to date by edits: same households and thresholds, a few cells changed. */
function holds(network: TargetNetwork, households: HouseholdPoints, thresholdsKey: string, base: readonly Cell[]): boolean {
  if (network.households !== households || network.thresholdsKey !== thresholdsKey || network.base.length !== base.length) return false;
  let changed = 0;
  for (let c = 0; c < base.length && changed <= MAX_EDITED_CELLS; c++) if (network.engine.cells[c] !== base[c]) changed++;
  return changed <= MAX_EDITED_CELLS;
}

/** Cells of the sites layer edited since the engine was built (the worker keeps edited cells as new objects). */
function syncBase(network: TargetNetwork, base: readonly Cell[]): void {
  const { engine } = network;
  const changes: Array<{ cellIndex: number; cell: Cell }> = [];
  for (let c = 0; c < base.length; c++) if (engine.cells[c] !== base[c]) changes.push({ cellIndex: c, cell: base[c] });
  if (changes.length > 0) engine.updateCells(changes);
  network.base = base;
}

function syncExtras(network: TargetNetwork, extras: readonly Cell[]): void {
  const { engine } = network;
  const wanted = new Map(extras.map((cell) => [cell.cellId, cell]));
  for (const [cellId, held] of network.extras) {
    if (wanted.has(cellId)) continue;
    engine.removeCell(held.cellIndex);
    network.extras.delete(cellId);
  }
  for (const [cellId, cell] of wanted) {
    const key = JSON.stringify(cell);
    const held = network.extras.get(cellId);
    if (held === undefined) {
      network.extras.set(cellId, { cellIndex: engine.addCell(cell).cellIndex, key });
    } else if (held.key !== key) {
      engine.updateCell(held.cellIndex, cell);
      held.key = key;
    }
  }
}
