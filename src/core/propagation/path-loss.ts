/**
 * What every path-loss model takes and returns. Each model file exports a `prepare…` function that turns a
 * `PathLossInput` into a `PathLossFunction`: all constants are computed once per cell, so the function the
 * coverage engine calls ~10⁸ times per analysis is a few multiplications, one logarithm and no allocation.
 */
import type { Environment } from '../model.ts';

export interface PathLossInput {
  /** Carrier frequency, MHz. */
  bandMhz: number;
  /** Base-station antenna height above ground, m. */
  baseStationHeightM: number;
  /** Handset (user terminal) height above ground, m. */
  handsetHeightM: number;
  /** Hata family: which correction applies (metropolitan = large city). Ignored by FSPL and 3GPP. */
  environment: Environment;
  /** 3GPP models: LOS formula only; false = NLOS, i.e. max(PL_LOS, PL_NLOS). Ignored by the others. */
  los: boolean;
}

/** Path loss in dB at a ground (2D) distance in metres; non-decreasing in the distance. */
export type PathLossFunction = (groundDistanceM: number) => number;
