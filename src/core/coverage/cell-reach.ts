/**
 * How far a cell can matter to an analysis: its reach (`reachM`, link-budget.ts), the largest ground distance at
 * which its boresight RSRP still clears the analysis' search floor. Beyond it the cell is neither a best server
 * nor an interferer (the engine ignores it there), which is what lets the CLI analyse a country province by
 * province with only the neighbouring cells within reach of each province.
 */
import { prepareCell, reachM } from '../link-budget.ts';
import { ENVIRONMENTS, type AnalysisSettings, type Cell, type Environment } from '../model.ts';
import { interferenceCutoffDbm, isOfdmTechnology } from './link-quality.ts';

/**
 * The lowest RSRP at which a cell serves or interferes, dBm: the weak threshold, or for 4G/5G the interference
 * cut-off when it is lower (docs/models.md "SINR and throughput"); the engine searches best servers down to it.
 *
 * @example searchFloorDbm(DEFAULT_SETTINGS) // −135.24: the 4G cut-off N − 10 dB, below the weak threshold
 */
export function searchFloorDbm(settings: AnalysisSettings): number {
  const weakDbm = settings.thresholdsDbm.weak;
  return isOfdmTechnology(settings.technology) ? Math.min(weakDbm, interferenceCutoffDbm(settings.technology, settings)) : weakDbm;
}

/**
 * Reach of one cell in metres at the analysis' search floor (`searchFloorDbm`), with its environment; for a cell
 * whose environment is not known yet (null: it will come from the households around its site) the largest reach
 * over every environment, so it is never under-estimated.
 *
 * @example cellReachM(cell, 'suburban', DEFAULT_SETTINGS) // e.g. 14,200 m for a 35 m, 1,800 MHz RMa cell
 */
export function cellReachM(cell: Cell, environment: Environment | null, settings: AnalysisSettings): number {
  const options = { handsetHeightM: settings.handsetHeightM, los3gpp: settings.los3gpp };
  const floorDbm = searchFloorDbm(settings);
  const environments = environment === null ? ENVIRONMENTS : [environment];
  return Math.max(...environments.map((each) => reachM(prepareCell(cell, 0, each, options), floorDbm)));
}
