import type { PathLossModelName } from '../model.ts';
import { prepareCost231Hata } from './cost231-hata.ts';
import { prepareFspl } from './fspl.ts';
import { prepareOkumuraHata } from './okumura-hata.ts';
import type { PathLossFunction, PathLossInput } from './path-loss.ts';
import { prepareRma, prepareUma, prepareUmi } from './tr38901.ts';

const PREPARE_BY_MODEL: Readonly<Record<PathLossModelName, (input: PathLossInput) => PathLossFunction>> = {
  fspl: prepareFspl,
  'okumura-hata': prepareOkumuraHata,
  'cost231-hata': prepareCost231Hata,
  '3gpp-uma': prepareUma,
  '3gpp-umi': prepareUmi,
  '3gpp-rma': prepareRma,
};

/** Prepared functions by model and inputs: a city's cells share a few dozen combinations. */
const PREPARED = new Map<string, PathLossFunction>();
/** The cache is dropped whole past this many entries (a country of distinct heights and bands). */
const MAX_PREPARED = 4096;

/**
 * The path-loss function of a named model for one cell, with every constant precomputed. Functions are pure, so
 * cells with the same model and inputs share one.
 *
 * @example
 * const input = { bandMhz: 1800, baseStationHeightM: 1.5, handsetHeightM: 1.5, environment: 'urban', los: false };
 * preparePathLoss('fspl', input)(1000) // 97.55 dB
 */
export function preparePathLoss(model: PathLossModelName, input: PathLossInput): PathLossFunction {
  const prepare = PREPARE_BY_MODEL[model];
  if (prepare === undefined) {
    const known = Object.keys(PREPARE_BY_MODEL).join(', ');
    throw new RangeError(`unknown path-loss model "${String(model)}"; expected one of ${known}`);
  }
  const key = `${model}|${input.bandMhz}|${input.baseStationHeightM}|${input.handsetHeightM}|${input.environment}|${input.los}`;
  let prepared = PREPARED.get(key);
  if (prepared === undefined) {
    if (PREPARED.size >= MAX_PREPARED) PREPARED.clear();
    prepared = prepare(input);
    PREPARED.set(key, prepared);
  }
  return prepared;
}
