/**
 * Review of operators' proposed sites: what each proposed site would add to the existing network.
 * Each site is judged alone against the existing coverage (not after the other proposals), so the figures
 * do not depend on the order of the proposal file.
 */
import CheapRuler from 'cheap-ruler';
import type { WardIndex } from '../assign-wards.ts';
import type { CoverageResult } from '../coverage/coverage-result.ts';
import { FAIR } from '../coverage/signal-class.ts';
import type { AnalysisSettings, Cell, HouseholdPoints } from '../model.ts';
import type { PlaceEnvironment } from '../resolve-environment.ts';
import { SiteSignal } from './coverage-sets.ts';
import { LocalPointIndex } from '../geo/point-index.ts';

export interface ProposalsInput {
  /** Ward lookup (`indexWards`): the names of the wards a proposal serves. */
  wardIndex: WardIndex;
  households: HouseholdPoints;
  /** Environment of the proposed cells that give none: the analysis's (`AnalysisResult.place`), of these households. */
  place: PlaceEnvironment;
  wardOfHousehold: Int32Array;
  /** Coverage of the existing network, without the proposed sites. */
  coverage: CoverageResult;
  /** The proposed cells (rows with `status=proposed`); cells sharing a `siteId` form one site. */
  proposedCells: readonly Cell[];
  /** Cells of the existing network (any technology, operator, status other than proposed), for distances. */
  existingCells: readonly Cell[];
  settings: AnalysisSettings;
}

interface ProposalWard {
  wardId: string;
  wardName: string;
  /** Households of this ward the site covers at ≥ the fair floor. */
  householdsCovered: number;
  /** Of those, households weak/none before: newly brought above the threshold. */
  householdsLifted: number;
}

export interface ProposalEvaluation {
  siteId: string;
  operator: string;
  lon: number;
  lat: number;
  cellIds: string[];
  /** Households (sum of `count`) where the site's best analysed cell gives RSRP ≥ the fair floor. */
  householdsCovered: number;
  /** Of those, households that were weak/none: what the site newly brings above the threshold. */
  householdsLifted: number;
  /** Of those covered, households already good/fair from the existing network. */
  householdsDuplicated: number;
  /** householdsDuplicated / householdsCovered (0…1); 0 when the site covers no household. */
  duplicateShare: number;
  /** Wards with households the site covers, most covered first (households outside every ward are not listed). */
  wards: ProposalWard[];
  /** Nearest existing site and its ground distance, m; null when there is no existing site. */
  nearestExistingSiteId: string | null;
  nearestExistingDistanceM: number | null;
}

/**
 * Evaluates each proposed site, in the order its first cell appears.
 *
 * @example
 * const [first] = evaluateProposals({ wardIndex, households, place, wardOfHousehold, coverage, proposedCells, existingCells, settings });
 * first.householdsLifted; // 412: households out of weak/none thanks to this site alone
 */
export function evaluateProposals(input: ProposalsInput): ProposalEvaluation[] {
  const { wardIndex, households, place, wardOfHousehold, coverage, settings } = input;
  const fairFloorDbm = settings.thresholdsDbm.fair;
  const index = LocalPointIndex.ofLonLat(households.lon, households.lat);

  const sites = new Map<string, Cell[]>();
  for (const cell of input.proposedCells) {
    const cells = sites.get(cell.siteId);
    if (cells === undefined) sites.set(cell.siteId, [cell]);
    else cells.push(cell);
  }

  return [...sites].map(([siteId, cells]) => {
    const signal = new SiteSignal(cells, place, settings);
    const { lon, lat } = cells[0];
    const perWard = new Map<number, { covered: number; lifted: number }>();
    let covered = 0;
    let lifted = 0;
    const [found, count] = index.within(lon, lat, signal.fairReachM);
    for (let k = 0; k < count; k++) {
      const h = found[k];
      if (!signal.lifts(households.lon[h], households.lat[h], fairFloorDbm)) continue;
      const pointHouseholds = households.count[h];
      const wasWeak = coverage.signalClass[h] > FAIR;
      covered += pointHouseholds;
      if (wasWeak) lifted += pointHouseholds;
      const ward = wardOfHousehold[h];
      if (ward === -1) continue;
      const sums = perWard.get(ward) ?? { covered: 0, lifted: 0 };
      sums.covered += pointHouseholds;
      if (wasWeak) sums.lifted += pointHouseholds;
      perWard.set(ward, sums);
    }
    const nearest = nearestSite(input.existingCells, lon, lat);
    return {
      siteId,
      operator: cells[0].operator,
      lon,
      lat,
      cellIds: cells.map((cell) => cell.cellId),
      householdsCovered: covered,
      householdsLifted: lifted,
      householdsDuplicated: covered - lifted,
      duplicateShare: covered > 0 ? (covered - lifted) / covered : 0,
      wards: [...perWard]
        .sort(([wardA, a], [wardB, b]) => b.covered - a.covered || wardA - wardB)
        .map(([ward, sums]) => ({
          wardId: wardIndex.wards[ward].id,
          wardName: wardIndex.wards[ward].name,
          householdsCovered: sums.covered,
          householdsLifted: sums.lifted,
        })),
      nearestExistingSiteId: nearest?.siteId ?? null,
      nearestExistingDistanceM: nearest?.distanceM ?? null,
    };
  });
}

/** The existing cell nearest to a point (linear scan: proposals are few) and its ground distance, m. */
function nearestSite(cells: readonly Cell[], lon: number, lat: number): { siteId: string; distanceM: number } | null {
  const ruler = new CheapRuler(lat, 'meters');
  let best: { siteId: string; distanceM: number } | null = null;
  for (const cell of cells) {
    const distanceM = ruler.distance([lon, lat], [cell.lon, cell.lat]);
    if (best === null || distanceM < best.distanceM) best = { siteId: cell.siteId, distanceM };
  }
  return best;
}
