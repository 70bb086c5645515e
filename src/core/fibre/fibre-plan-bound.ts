/**
 * A lower bound on the cable any extension plan needs, to measure the planner's gap on small instances.
 *
 * Annulus packing: a new cable network grows from the existing one and must come within r (maxDropM) of every
 * household it passes. Around a passed household h take a ball of radius ρ ≤ d(h, network): the network is
 * outside it, so the cable crosses the annulus r ≤ |x − h| ≤ ρ and has at least ρ − r of length inside it. For
 * balls that do not overlap (ρ_i + ρ_j ≤ |h_i − h_j|) these lengths add up. Any plan passes some set Q of
 * households totalling at least `need`; so the minimum over all such Q of a packing inside Q bounds every plan.
 * Packing of Q: households in decreasing distance to the network, each taking the largest ρ its chosen
 * neighbours leave (skipped when that is ≤ r). Exhaustive over subsets: small instances only (≤ 16 points).
 */
import type { HouseholdLocations } from '../model.ts';
import { NEAREST_LIMIT_M } from './fibre-coverage.ts';
import { latitudeScaleOf, pointSegmentDistanceM } from './latitude-scale.ts';

/** Largest number of candidate points enumerated (2^16 subsets). */
const MAX_BOUND_POINTS = 16;

/**
 * Lower bound in metres on the new cable needed to pass `need` more households among `candidates` (indices of
 * household points not yet passed). `networkDistanceM`: each point's distance to the existing network
 * (`FibreCoverage.distanceM`; Infinity counts as the 5 km it is known to exceed). Infinity when the candidates
 * cannot total `need`.
 */
export function lowerBoundCableM(
  households: HouseholdLocations,
  networkDistanceM: Float64Array,
  candidates: number[],
  need: number,
  maxDropM: number,
): number {
  const k = candidates.length;
  if (k > MAX_BOUND_POINTS) throw new Error(`lowerBoundCableM enumerates at most ${MAX_BOUND_POINTS} points, got ${k}`);
  if (need <= 0) return 0;
  const scale = latitudeScaleOf(households.lat);
  // candidates by decreasing distance to the network: the packing order
  const order = [...candidates].sort(
    (a, b) => Math.min(networkDistanceM[b], NEAREST_LIMIT_M) - Math.min(networkDistanceM[a], NEAREST_LIMIT_M),
  );
  const reach = order.map((h) => Math.min(networkDistanceM[h], NEAREST_LIMIT_M));
  const apart = order.map((a) =>
    order.map((b) => {
      const lat = households.lat[a];
      return pointSegmentDistanceM(
        households.lon[a], lat, households.lon[b], households.lat[b], households.lon[b], households.lat[b],
        scale.kxAt(lat), scale.kyAt(lat),
      );
    }),
  );
  let best = Infinity;
  const radius = new Float64Array(k);
  for (let subset = 1; subset < 1 << k; subset++) {
    let total = 0;
    for (let i = 0; i < k; i++) if (subset & (1 << i)) total += households.count[order[i]];
    if (total < need) continue;
    let length = 0;
    radius.fill(0);
    for (let i = 0; i < k; i++) {
      if (!(subset & (1 << i))) continue;
      let rho = reach[i];
      for (let j = 0; j < i; j++) if (radius[j] > 0) rho = Math.min(rho, apart[i][j] - radius[j]);
      if (rho <= maxDropM) continue;
      radius[i] = rho;
      length += rho - maxDropM;
    }
    best = Math.min(best, length);
  }
  return best;
}
