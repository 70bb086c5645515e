/**
 * A cell's link to the households as an analysis prepares it (CoverageEngine.prepareSteps): its link budget (the
 * environment from the sites file, else from the household density around the site), its reach down to the
 * analysis' search floor, and the tables of the interference sums (link-tables.ts, kept for the process). The
 * sectors of a site share their environment; the cells of a path-loss curve and EIRP share their reach.
 *
 * `prepareLinkTablesSteps` runs the same preparation without an engine, ahead of a first analysis (a thread's
 * warm-up: warm-up.ts), so that the analysis finds its tables built.
 */
import CheapRuler from 'cheap-ruler';
import { prepareCell, reachM, type PreparedCell } from '../link-budget.ts';
import type { AnalysisSettings, Cell, Environment } from '../model.ts';
import { resolveEnvironment, type PlaceEnvironment } from '../resolve-environment.ts';
import type { Steps } from '../steps.ts';
import { isAnalysedCell } from './analysed-cell.ts';
import { searchFloorDbm } from './cell-reach.ts';
import { isOfdmTechnology } from './link-quality.ts';
import { forgetStepValues, tabulateCell, type TabulatedCell } from './link-tables.ts';

/** Cells prepared between two checkpoints (a city's first preparation builds its tables: seconds in all). */
export const CELLS_PER_CHECKPOINT = 128;

export interface CellLink {
  prepared: PreparedCell;
  /** Beyond this distance the cell is below the search floor everywhere (neither server nor interferer). */
  reachM: number;
  /** Metres per degree of longitude and latitude at the cell (cheap-ruler), as the engine measures distances. */
  kx: number;
  ky: number;
  link: TabulatedCell;
}

/**
 * The lowest RSRP an analysis looks for: the weak threshold, or for 4G/5G with SINR (not `signalOnly`) the
 * interference cut-off when it is lower (cell-reach.ts).
 */
export function analysisFloorDbm(settings: AnalysisSettings, signalOnly: boolean): number {
  return isOfdmTechnology(settings.technology) && !signalOnly ? searchFloorDbm(settings) : settings.thresholdsDbm.weak;
}

export class CellLinks {
  private readonly environmentOfSite = new Map<string, Environment>();
  private readonly reachOfCurve = new Map<PreparedCell['pathLossDb'], Map<number, number>>();

  constructor(
    private readonly settings: AnalysisSettings,
    private readonly place: Pick<PlaceEnvironment, 'at'>,
    private readonly floorDbm: number,
  ) {}

  linkOf(cell: Cell, cellIndex: number): CellLink {
    // the sectors of a site share its position, hence its environment
    const siteKey = `${cell.lon},${cell.lat},${cell.environment}`;
    let environment = this.environmentOfSite.get(siteKey);
    if (environment === undefined) {
      environment = resolveEnvironment(cell, this.place);
      this.environmentOfSite.set(siteKey, environment);
    }
    const prepared = prepareCell(cell, cellIndex, environment, {
      handsetHeightM: this.settings.handsetHeightM,
      los3gpp: this.settings.los3gpp,
    });
    // cells sharing a path-loss function and EIRP share their reach
    const reaches = this.reachOfCurve.get(prepared.pathLossDb) ?? new Map<number, number>();
    let reach = reaches.get(prepared.eirpDbm);
    if (reach === undefined) {
      reach = reachM(prepared, this.floorDbm);
      reaches.set(prepared.eirpDbm, reach);
      this.reachOfCurve.set(prepared.pathLossDb, reaches);
    }
    const ruler = new CheapRuler(cell.lat, 'meters');
    return { prepared, reachM: reach, kx: ruler.kx, ky: ruler.ky, link: tabulateCell(prepared, reach, ruler.kx, ruler.ky) };
  }
}

/**
 * Steps preparing the links of the cells an analysis with these settings analyses (the tables are what stays);
 * returns their tabulated budgets.
 */
export function* prepareLinkTablesSteps(cells: readonly Cell[], settings: AnalysisSettings, place: Pick<PlaceEnvironment, 'at'>): Steps<TabulatedCell[]> {
  const links = new CellLinks(settings, place, analysisFloorDbm(settings, false));
  const tabulated: TabulatedCell[] = [];
  for (let c = 0; c < cells.length; c++) {
    if (c % CELLS_PER_CHECKPOINT === 0) yield c / cells.length;
    if (isAnalysedCell(cells[c], settings)) tabulated.push(links.linkOf(cells[c], c).link);
  }
  forgetStepValues();
  return tabulated;
}
