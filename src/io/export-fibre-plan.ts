/**
 * Exports of a fibre extension plan (issue 4): the extensions as GeoJSON LineStrings (`length_m`, `cost_vnd`,
 * `households_gained`, `ward_id`) or as a table, and the per-ward before/after table with the columns of the
 * `fibre-plan` CLI's `wards.csv`. Lengths are rounded to 0.1 m and percentages to 0.01.
 */
import type { Feature, FeatureCollection, LineString } from 'geojson';
import type { FibreExtension, FibreWardPlan } from '../core/fibre/plan-fibre-extension.ts';
import type { Table } from './export-table.ts';

export interface ExtensionProperties {
  extension_id: string;
  parent_id: string | null;
  ward_id: string | null;
  length_m: number;
  cost_vnd: number;
  households_gained: number;
}

const FIBRE_WARD_COLUMNS = ['ward_id', 'ward_name', 'households', 'passed_before', 'pct_before', 'passed_after', 'pct_after', 'extension_m', 'cost_vnd'];
const EXTENSION_COLUMNS = ['extension_id', 'parent_id', 'ward_id', 'start_lon', 'start_lat', 'end_lon', 'end_lat', 'length_m', 'households_gained', 'cost_vnd'];

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The extensions as a FeatureCollection of two-point LineStrings, in planning order. */
export function extensionsGeojson(extensions: readonly FibreExtension[]): FeatureCollection<LineString, ExtensionProperties> {
  return {
    type: 'FeatureCollection',
    features: extensions.map(
      (extension): Feature<LineString, ExtensionProperties> => ({
        type: 'Feature',
        properties: {
          extension_id: extension.id,
          parent_id: extension.parentId,
          ward_id: extension.wardId,
          length_m: round(extension.lengthM, 1),
          cost_vnd: extension.costVnd,
          households_gained: extension.householdsGained,
        },
        geometry: { type: 'LineString', coordinates: [extension.start, extension.end] },
      }),
    ),
  };
}

export function extensionsTable(extensions: readonly FibreExtension[]): Table {
  return {
    name: 'extensions',
    columns: EXTENSION_COLUMNS,
    rows: extensions.map((extension) => [
      extension.id,
      extension.parentId,
      extension.wardId,
      extension.start[0],
      extension.start[1],
      extension.end[0],
      extension.end[1],
      round(extension.lengthM, 1),
      extension.householdsGained,
      extension.costVnd,
    ]),
  };
}

export function fibreWardPlanTable(wards: readonly FibreWardPlan[]): Table {
  return {
    name: 'wards',
    columns: FIBRE_WARD_COLUMNS,
    rows: wards.map((ward) => [
      ward.wardId,
      ward.wardName,
      ward.households,
      ward.passedBefore,
      round(ward.pctBefore, 2),
      ward.passedAfter,
      round(ward.pctAfter, 2),
      round(ward.extensionM, 1),
      ward.costVnd,
    ]),
  };
}
