/**
 * Downlink link budget of one cell at a point:
 *   rsrp_dbm = rs_power_dbm + antenna_gain_dbi − feeder_loss_db − path_loss_db − pattern_db
 * Path loss from the cell's model (`src/core/propagation`), pattern from 3GPP TR 36.814 Table A.2.1.1-2
 * (`antenna-pattern.ts`). `prepareCell` does all per-cell work once so that `rsrpAtDbm` allocates nothing.
 */
import type { Cell, Environment, PathLossModelName } from './model.ts';
import { sectorPatternLossDb } from './propagation/antenna-pattern.ts';
import { choosePathLossModel } from './propagation/choose-model.ts';
import { preparePathLoss } from './propagation/prepare-path-loss.ts';

export interface LinkBudgetOptions {
  /** Handset height above ground, m (1.5 by default in the settings). */
  handsetHeightM: number;
  /** 3GPP models: LOS formula instead of max(PL_LOS, PL_NLOS). */
  los3gpp: boolean;
}

export interface PreparedCell {
  cellIndex: number;
  lon: number;
  lat: number;
  heightM: number;
  /** Handset height the path loss and the vertical pattern were prepared for, m. */
  handsetHeightM: number;
  /** EIRP per reference signal: rs_power_dbm + antenna_gain_dbi − feeder_loss_db. */
  eirpDbm: number;
  azimuthDeg: number | null;
  beamwidthDeg: number;
  tiltDeg: number | null;
  model: PathLossModelName;
  environment: Environment;
  bandMhz: number;
  /** Model path loss in dB at a ground distance in m (3D inside where the model says so); non-decreasing. */
  pathLossDb(groundDistanceM: number): number;
}

/** Throws on a cell the importer should never have let through (programmer error, not bad input). */
function checkCell(cell: Cell): void {
  const { bandMhz, heightM, rsPowerDbm, antennaGainDbi, feederLossDb, beamwidthDeg } = cell;
  const numbers = { bandMhz, heightM, rsPowerDbm, antennaGainDbi, feederLossDb, beamwidthDeg };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isFinite(value)) {
      throw new RangeError(`cell ${cell.cellId}: ${name} is ${value}; fill missing RF fields from RF_DEFAULTS on import`);
    }
  }
  if (bandMhz <= 0) throw new RangeError(`cell ${cell.cellId}: bandMhz must be > 0, got ${bandMhz}`);
  if (beamwidthDeg <= 0) throw new RangeError(`cell ${cell.cellId}: beamwidthDeg must be > 0, got ${beamwidthDeg}`);
}

/**
 * Prepares a cell for repeated RSRP evaluation: EIRP, its path-loss model (`cell.model`, else
 * `choosePathLossModel(cell.bandMhz, environment)`) with every constant precomputed.
 *
 * @param environment the cell's propagation environment (see `resolveEnvironment`)
 * @example prepareCell(cell, 0, 'urban', { handsetHeightM: 1.5, los3gpp: false }).eirpDbm // rs + gain − feeder
 */
export function prepareCell(
  cell: Cell,
  cellIndex: number,
  environment: Environment,
  options: LinkBudgetOptions,
): PreparedCell {
  checkCell(cell);
  const model = cell.model ?? choosePathLossModel(cell.bandMhz, environment);
  const pathLossDb = preparePathLoss(model, {
    bandMhz: cell.bandMhz,
    baseStationHeightM: cell.heightM,
    handsetHeightM: options.handsetHeightM,
    environment,
    los: options.los3gpp,
  });
  return {
    cellIndex,
    lon: cell.lon,
    lat: cell.lat,
    heightM: cell.heightM,
    handsetHeightM: options.handsetHeightM,
    eirpDbm: cell.rsPowerDbm + cell.antennaGainDbi - cell.feederLossDb,
    azimuthDeg: cell.azimuthDeg,
    beamwidthDeg: cell.beamwidthDeg,
    tiltDeg: cell.tiltDeg,
    model,
    environment,
    bandMhz: cell.bandMhz,
    pathLossDb,
  };
}

/**
 * Pattern attenuation in dB (0…25) at a bearing (degrees clockwise from north, any range) and ground distance
 * (m): TR 36.814 horizontal pattern unless the cell is omni, plus the vertical pattern when it has a tilt.
 */
export function patternLossDb(cell: PreparedCell, groundDistanceM: number, bearingDeg: number): number {
  return sectorPatternLossDb(
    cell.azimuthDeg,
    cell.beamwidthDeg,
    cell.tiltDeg,
    bearingDeg,
    cell.heightM - cell.handsetHeightM,
    groundDistanceM,
  );
}

/**
 * RSRP in dBm at a ground distance (m) and bearing (degrees, any range): eirp − path_loss − pattern.
 * @example rsrpAtDbm(prepared, 500, 120)
 */
export function rsrpAtDbm(cell: PreparedCell, groundDistanceM: number, bearingDeg: number): number {
  return cell.eirpDbm - cell.pathLossDb(groundDistanceM) - patternLossDb(cell, groundDistanceM, bearingDeg);
}

/**
 * Largest ground distance (m) at which the boresight RSRP (no pattern loss), eirp − path_loss, is ≥ floorDbm;
 * maxM (default 100 km) when it still is there, 0 when it is nowhere. Bisection, valid because every model's
 * path loss is non-decreasing in distance; the answer is within 1 mm below the true reach.
 *
 * @example reachM(prepared, -120) // e.g. 4,210 m for a 1800 MHz urban macro cell
 */
export function reachM(cell: PreparedCell, floorDbm: number, maxM = 100_000): number {
  const clears = (distanceM: number): boolean => cell.eirpDbm - cell.pathLossDb(distanceM) >= floorDbm;
  if (!clears(0)) return 0;
  if (clears(maxM)) return maxM;
  let inside = 0;
  let outside = maxM;
  while (outside - inside > 1e-3) {
    const middle = (inside + outside) / 2;
    if (clears(middle)) inside = middle;
    else outside = middle;
  }
  return inside;
}
