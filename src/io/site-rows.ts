/**
 * New sites as rows of the sites layer (one row per cell, the columns `parseSites` reads) plus
 * `households_gained`: the values behind `new_sites.csv` and the GeoJSON export, importable again as a
 * sites file.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Cell } from '../core/model.ts';
import type { ChosenSite } from '../core/siting/select-new-sites.ts';

/** The sites columns, in the documented order (docs/data-formats.md). */
export const SITE_CSV_COLUMNS = [
  'site_id',
  'lon',
  'lat',
  'operator',
  'technology',
  'band_mhz',
  'height_m',
  'azimuth_deg',
  'beamwidth_deg',
  'tilt_deg',
  'rs_power_dbm',
  'antenna_gain_dbi',
  'feeder_loss_db',
  'model',
  'environment',
  'status',
] as const;

export const NEW_SITE_COLUMNS = [...SITE_CSV_COLUMNS, 'households_gained'] as const;

export type SiteRowValue = string | number;

/** A cell's values in `SITE_CSV_COLUMNS` order; empty text for omni azimuth, no tilt, model or environment. */
export function siteRowValues(cell: Cell): SiteRowValue[] {
  return [
    cell.siteId,
    cell.lon,
    cell.lat,
    cell.operator,
    cell.technology,
    cell.bandMhz,
    cell.heightM,
    cell.azimuthDeg ?? '',
    cell.beamwidthDeg,
    cell.tiltDeg ?? '',
    cell.rsPowerDbm,
    cell.antennaGainDbi,
    cell.feederLossDb,
    cell.model ?? '',
    cell.environment ?? '',
    cell.status,
  ];
}

/**
 * Rows of `new_sites.csv`: one per cell, sites in pick order; `households_gained` is the site's gain (the
 * households it newly lifts given the sites before it), repeated on each of its cells: sum it per site, not
 * per row.
 */
export function newSiteRows(sites: readonly ChosenSite[]): SiteRowValue[][] {
  return sites.flatMap((site) => site.cells.map((cell) => [...siteRowValues(cell), site.householdsGained]));
}

export interface NewSiteProperties {
  site_id: string;
  cell_id: string;
  operator: string;
  technology: string;
  band_mhz: number;
  height_m: number;
  azimuth_deg: number | null;
  beamwidth_deg: number;
  tilt_deg: number | null;
  rs_power_dbm: number;
  antenna_gain_dbi: number;
  feeder_loss_db: number;
  model: string | null;
  environment: string | null;
  status: string;
  /** 1 for the first site picked. */
  pick: number;
  households_gained: number;
  /** Ward ids of the households gained, most first. */
  ward_ids: string[];
}

/** New sites as GeoJSON Points, one feature per cell (the form `parseSites` reads back). */
export function newSitesGeoJson(sites: readonly ChosenSite[]): FeatureCollection<Point, NewSiteProperties> {
  const features: Array<Feature<Point, NewSiteProperties>> = sites.flatMap((site, i) =>
    site.cells.map((cell) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [cell.lon, cell.lat] },
      properties: {
        site_id: cell.siteId,
        cell_id: cell.cellId,
        operator: cell.operator,
        technology: cell.technology,
        band_mhz: cell.bandMhz,
        height_m: cell.heightM,
        azimuth_deg: cell.azimuthDeg,
        beamwidth_deg: cell.beamwidthDeg,
        tilt_deg: cell.tiltDeg,
        rs_power_dbm: cell.rsPowerDbm,
        antenna_gain_dbi: cell.antennaGainDbi,
        feeder_loss_db: cell.feederLossDb,
        model: cell.model,
        environment: cell.environment,
        status: cell.status,
        pick: i + 1,
        households_gained: site.householdsGained,
        ward_ids: site.wards.map((ward) => ward.wardId),
      },
    })),
  );
  return { type: 'FeatureCollection', features };
}
