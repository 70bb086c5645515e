/**
 * The propagation environment of a cell, for the Hata corrections and the model choice.
 */
import type { WardIndex } from './assign-wards.ts';
import type { Cell, Environment, Ward } from './model.ts';
import { normalizeKeyword } from './normalize-keyword.ts';

/** Hải Phòng's central urban districts (quận nội thành cũ), folded as `normalizeKeyword` folds them. */
const CENTRAL_DISTRICTS: ReadonlySet<string> = new Set(['hongbang', 'ngoquyen', 'lechan']);

/** Environment of a cell outside every ward polygon (offshore islands, beyond the city boundary). */
const ENVIRONMENT_OUTSIDE_WARDS: Environment = 'rural';
/** Environment of a ward whose type is missing or unrecognised. */
const ENVIRONMENT_UNKNOWN_TYPE: Environment = 'urban';


/**
 * Environment of a ward from its own `environment`, else its type and district:
 * Phường (ward) in a central quận (Hồng Bàng, Ngô Quyền, Lê Chân) → metropolitan; any other Phường → urban;
 * Thị trấn (township) and Xã (commune) → suburban; missing or other type → urban. Communes are suburban, not
 * rural: Hata's open-area class means open farmland with nothing in the way, while the delta's communes are
 * villages of low houses among trees, Hata's "suburban"; open area would give a 4G cell 20 km of reach.
 *
 * @example environmentOfWard({ type: 'Phường', district: 'Quận Lê Chân', environment: null, ... }) // 'metropolitan'
 */
export function environmentOfWard(ward: Pick<Ward, 'type' | 'district' | 'environment'>): Environment {
  if (ward.environment !== null) return ward.environment;
  const type = ward.type === null ? '' : normalizeKeyword(ward.type);
  if (type === 'phuong' || type === 'ward') {
    const district = ward.district === null ? '' : normalizeKeyword(ward.district).replace(/^quan/, '');
    return CENTRAL_DISTRICTS.has(district) ? 'metropolitan' : 'urban';
  }
  if (type === 'thitran' || type === 'township' || type === 'town' || type === 'xa' || type === 'commune') return 'suburban';
  return ENVIRONMENT_UNKNOWN_TYPE;
}

/**
 * Propagation environment of a cell: its own `environment`, else that of the ward containing the site
 * (`environmentOfWard`), else rural when the site lies outside every ward.
 *
 * @example resolveEnvironment({ ...cell, environment: null }, wardIndex) // 'metropolitan' in a Phường of Lê Chân
 */
export function resolveEnvironment(cell: Pick<Cell, 'lon' | 'lat' | 'environment'>, wardIndex: WardIndex): Environment {
  if (cell.environment !== null) return cell.environment;
  const { wardIndex: located } = wardIndex.locate(cell.lon, cell.lat);
  return located === -1 ? ENVIRONMENT_OUTSIDE_WARDS : environmentOfWard(wardIndex.wards[located]);
}
