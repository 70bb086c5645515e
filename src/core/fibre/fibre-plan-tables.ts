/**
 * The extension plan as tables and GeoJSON, shared by the CLI (`fibre-plan`) and the app's exports: the rows of
 * `wards.csv`, one row per extension, and the LineStrings of `extensions.geojson` (issue 4 "Output").
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { FibreExtension, FibrePlan } from './plan-fibre-extension.ts';

/** Rounds for output: lengths to 0.1 m, percentages to 0.01, coordinates to 1e-7° (≈ 1 cm). */
const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));

/** Columns of the fibre-plan `wards.csv` (issue 4 contract). */
export const FIBRE_PLAN_WARD_COLUMNS = [
  'ward_id', 'ward_name', 'households', 'passed_before', 'pct_before', 'passed_after', 'pct_after', 'extension_m', 'cost_vnd',
];

/** One row per ward, in the order of the plan's wards. */
export function fibrePlanWardRows(plan: FibrePlan): Array<Array<string | number>> {
  return plan.wards.map((ward) => [
    ward.wardId,
    ward.wardName,
    ward.households,
    ward.passedBefore,
    round(ward.pctBefore, 2),
    ward.passedAfter,
    round(ward.pctAfter, 2),
    round(ward.extensionM, 1),
    Math.round(ward.costVnd),
  ]);
}

/** Columns of an extension table (CSV / XLSX export of the plan). */
export const EXTENSION_COLUMNS = [
  'id', 'parent_id', 'ward_id', 'length_m', 'cost_vnd', 'households_gained', 'start_lon', 'start_lat', 'end_lon', 'end_lat',
];

export function extensionRows(extensions: readonly FibreExtension[]): Array<Array<string | number>> {
  return extensions.map((extension) => [
    extension.id,
    extension.parentId ?? '',
    extension.wardId ?? '',
    round(extension.lengthM, 1),
    extension.costVnd,
    extension.householdsGained,
    round(extension.start[0], 7),
    round(extension.start[1], 7),
    round(extension.end[0], 7),
    round(extension.end[1], 7),
  ]);
}

export interface ExtensionProperties {
  id: string;
  parent_id: string | null;
  ward_id: string | null;
  length_m: number;
  cost_vnd: number;
  households_gained: number;
}

/** Each extension as a GeoJSON LineString (start → end) with `length_m`, `cost_vnd`, `households_gained`, `ward_id`. */
export function extensionsGeoJson(extensions: readonly FibreExtension[]): FeatureCollection<LineString, ExtensionProperties> {
  return {
    type: 'FeatureCollection',
    features: extensions.map((extension): Feature<LineString, ExtensionProperties> => ({
      type: 'Feature',
      properties: {
        id: extension.id,
        parent_id: extension.parentId,
        ward_id: extension.wardId,
        length_m: round(extension.lengthM, 1),
        cost_vnd: extension.costVnd,
        households_gained: extension.householdsGained,
      },
      geometry: {
        type: 'LineString',
        coordinates: [
          [round(extension.start[0], 7), round(extension.start[1], 7)],
          [round(extension.end[0], 7), round(extension.end[1], 7)],
        ],
      },
    })),
  };
}
