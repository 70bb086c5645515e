/**
 * How a ward is named in tables, cards and tooltips: its name, and, when another ward of the layer has the same
 * name (the 2019 layout has two "Xã An Hoà"), its district (or former district) too, else its id.
 */
import type { Ward } from '../core/model.ts';
import type { UnitLabel } from './export/localise-table.ts';

/** Label per ward, in the order of `wards`: "Xã An Hoà (Huyện An Dương)" where the name alone is ambiguous. */
export function wardLabels(wards: readonly Ward[]): string[] {
  const uses = new Map<string, number>();
  for (const ward of wards) uses.set(ward.name, (uses.get(ward.name) ?? 0) + 1);
  return wards.map((ward) => {
    if ((uses.get(ward.name) ?? 0) < 2) return ward.name;
    const district = ward.district?.trim() ?? '';
    return `${ward.name} (${district !== '' ? district : ward.id})`;
  });
}

/** Unit `id`'s former district(s) among `units` (a 2025 unit's districts before 1 July 2025), '' when none. */
export function formerDistrictsOf(units: ReadonlyMap<string, UnitLabel>, id: string): string {
  return units.get(id)?.formerDistricts ?? '';
}
