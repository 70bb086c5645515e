/**
 * The propagation environment of a cell, for the Hata corrections and the model choice: a property of the place
 * the site stands in, never of how the wards are drawn, so that regrouping the households (the 2019 or the 2025
 * layout) never changes a prediction (docs/models.md "Environment of a cell").
 */
import type { WardIndex } from './assign-wards.ts';
import { HouseholdDensity } from './household-density.ts';
import type { Cell, Environment, HouseholdPoints } from './model.ts';

/** Radius around a site over which household density decides its environment, metres. */
export const ENVIRONMENT_RADIUS_M = 1000;

/**
 * Lower bounds of household density (households per km² within ENVIRONMENT_RADIUS_M) for each environment;
 * below `urban` a site is suburban. Calibrated on the 2019 census of Hải Phòng (docs/models.md): the central
 * quận's sites have a median of ~5,000, Hải Phòng's communes' ~380 (90 % below 650).
 */
export const ENVIRONMENT_DENSITY_PER_KM2 = { metropolitan: 3000, urban: 1000 } as const;

/**
 * Environment for a household density: ≥ 3,000 households per km² (≈ 10,000 people) metropolitan, ≥ 1,000
 * urban, else suburban. Never rural: open area (farmland with nothing in the way) cannot be told from forest,
 * hills or an industrial park by who lives there, and would give a 30 m 4G cell about 20 km of reach; a sites or
 * wards file says `rural` where the country really is open.
 *
 * @example environmentOfDensity(5000) // 'metropolitan'
 */
export function environmentOfDensity(householdsPerKm2: number): Environment {
  if (householdsPerKm2 >= ENVIRONMENT_DENSITY_PER_KM2.metropolitan) return 'metropolitan';
  if (householdsPerKm2 >= ENVIRONMENT_DENSITY_PER_KM2.urban) return 'urban';
  return 'suburban';
}

/** Where the environment of a cell that does not give its own is found: the households and the wards. */
export class PlaceEnvironment {
  private density: HouseholdDensity | null = null;
  private readonly wardsGiveEnvironment: boolean;

  constructor(
    private readonly households: HouseholdPoints,
    private readonly wardIndex: WardIndex,
  ) {
    this.wardsGiveEnvironment = wardIndex.wards.some((ward) => ward.environment !== null);
  }

  /** Households per km² within ENVIRONMENT_RADIUS_M of the point (the density grid is built on first use). */
  householdsPerKm2(lon: number, lat: number): number {
    this.density ??= new HouseholdDensity(this.households);
    return this.density.perKm2(lon, lat, ENVIRONMENT_RADIUS_M);
  }

  /**
   * Environment of a site at [lon, lat]: that of the ward polygon containing it when the wards file gives one
   * (an explicit statement about that area), else from the household density around it.
   */
  at(lon: number, lat: number): Environment {
    if (this.wardsGiveEnvironment) {
      const { wardIndex: located } = this.wardIndex.locate(lon, lat);
      const given = located === -1 ? null : this.wardIndex.wards[located].environment;
      if (given !== null) return given;
    }
    return environmentOfDensity(this.householdsPerKm2(lon, lat));
  }
}

/**
 * Propagation environment of a cell: its own `environment`, else that of its place (`PlaceEnvironment.at`).
 *
 * @example resolveEnvironment({ ...cell, environment: null }, place) // 'metropolitan' where ≥ 3,000 households/km² live
 */
export function resolveEnvironment(cell: Pick<Cell, 'lon' | 'lat' | 'environment'>, place: Pick<PlaceEnvironment, 'at'>): Environment {
  return cell.environment ?? place.at(cell.lon, cell.lat);
}

/**
 * The place of a partner thread's computation (sums-partner.ts, coverage-sets-partner.ts), whose host resolved the
 * environment of every analysed cell before handing them over: never asked.
 */
export const RESOLVED_PLACE: Pick<PlaceEnvironment, 'at'> = {
  at(): never {
    throw new Error('a partner thread resolves no environment: the host resolves every analysed cell’s');
  },
};
