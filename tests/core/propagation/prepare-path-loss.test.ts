import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, PATH_LOSS_MODELS, type PathLossModelName } from '../../../src/core/model.ts';
import { preparePathLoss } from '../../../src/core/propagation/prepare-path-loss.ts';

describe('preparePathLoss', () => {
  it('dispatches by name (FSPL 1800 MHz at 1 km = 97.5533 dB, see fspl.test.ts)', () => {
    const input = { bandMhz: 1800, baseStationHeightM: 1.5, handsetHeightM: 1.5, environment: 'urban' as const, los: false };
    const loss = preparePathLoss('fspl', input);
    expect(loss(1000)).toBeCloseTo(97.5533, 3);
  });

  it('rejects an unknown model name with the list of known ones', () => {
    const input = { bandMhz: 1800, baseStationHeightM: 30, handsetHeightM: 1.5, environment: 'urban' as const, los: false };
    expect(() => preparePathLoss('hata' as PathLossModelName, input)).toThrow(/unknown path-loss model "hata".*okumura-hata/);
  });

  // reachM bisects on distance, which is right only if every model's loss never decreases with distance:
  // checked on a fine grid (0…100 km, steps of 0.5 m up to 6 km, then 25 m) that crosses the Hata/free-space
  // meeting point, the 10 m clamp and every TR 38.901 breakpoint (UMa 3.5 GHz h_BS 25: 560 m; RMa: 1–6 km)
  it('never decreases with distance, for every model, environment, LOS/NLOS, band and height', () => {
    const distances: number[] = [];
    for (let d = 0; d <= 6000; d += 0.5) distances.push(d);
    for (let d = 6000; d <= 100_000; d += 25) distances.push(d);
    let checked = 0;
    for (const model of PATH_LOSS_MODELS) {
      for (const environment of ENVIRONMENTS) {
        for (const los of [false, true]) {
          for (const bandMhz of [700, 900, 1800, 2100, 3500]) {
            for (const baseStationHeightM of [10, 25, 35, 60]) {
              for (const handsetHeightM of [1.5, 5]) {
                const loss = preparePathLoss(model, { bandMhz, baseStationHeightM, handsetHeightM, environment, los });
                let previous = -Infinity;
                for (const d of distances) {
                  const value = loss(d);
                  if (!(value >= previous)) {
                    const name = `${model} ${environment} ${los ? 'LOS' : 'NLOS'} ${bandMhz} MHz`;
                    const heights = `h_BS ${baseStationHeightM} h_UT ${handsetHeightM}`;
                    throw new Error(`${name} ${heights}: ${value} dB at ${d} m < ${previous} dB before`);
                  }
                  previous = value;
                }
                checked++;
              }
            }
          }
        }
      }
    }
    expect(checked).toBe(PATH_LOSS_MODELS.length * ENVIRONMENTS.length * 2 * 5 * 4 * 2);
  });
});
