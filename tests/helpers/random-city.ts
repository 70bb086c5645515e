/**
 * A seeded random city for the coverage tests that check the engine against brute force: cells of every model
 * (and the default) in a 16 km square around the origin of local-metres.ts, households in an 18 km square.
 */
import type { Cell, HouseholdPoints } from '../../src/core/model.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';
import { at, householdsAt } from './local-metres.ts';

/** One random cell with id `id` (site id the same), drawn from `random`. */
export function randomCell(random: () => number, id: string): Cell {
  const models = ['fspl', 'okumura-hata', 'cost231-hata', '3gpp-uma', '3gpp-umi', '3gpp-rma', null] as const;
  const [lon, lat] = at((random() * 2 - 1) * 8000, (random() * 2 - 1) * 8000);
  const model = models[Math.floor(random() * models.length)];
  return {
    cellId: id, siteId: id, lon, lat, operator: random() < 0.5 ? 'Viettel' : 'VNPT', technology: '4G',
    bandMhz: model === 'okumura-hata' ? 900 : model === 'cost231-hata' ? 1800 : 2600, heightM: 20 + random() * 20,
    azimuthDeg: random() < 0.3 ? null : Math.floor(random() * 360), beamwidthDeg: 65,
    tiltDeg: random() < 0.5 ? null : 2 + random() * 6, rsPowerDbm: model === 'fspl' ? -20 : 15, antennaGainDbi: 17,
    feederLossDb: 2, model, environment: null, status: 'existing', channel: null, bandwidthMhz: null,
  };
}

/** `cellCount` cells C0… and `householdCount` household points of 1–4 households, the same for the same seed. */
export function randomCity(seed: number, householdCount: number, cellCount: number): { cells: Cell[]; points: HouseholdPoints } {
  const random = mulberry32(seed);
  const points = householdsAt(
    Array.from({ length: householdCount }, () => [(random() * 2 - 1) * 9000, (random() * 2 - 1) * 9000, 1 + Math.floor(random() * 4)]),
  );
  return { cells: Array.from({ length: cellCount }, (_, c) => randomCell(random, `C${c}`)), points };
}
