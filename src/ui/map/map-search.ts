/**
 * What the map's search box finds: a unit of the layout shown (by name, with its former district to tell the
 * two Xã An Hoà apart), a site or a cell (by id), or a position typed in any form the app reads
 * (io/read-coordinate-text.ts). Names and ids are ranked by the ward tables' search (search-text.ts).
 */
import type { Cell, Ward } from '../../core/model.ts';
import type { Crs } from '../../io/crs.ts';
import { readCoordinateText, type TypedPosition } from '../../io/read-coordinate-text.ts';
import { rankBySearch, searchTextOf } from '../search-text.ts';

export type MapSearchHit =
  | { kind: 'unit'; wardIndex: number; name: string; context: string }
  | { kind: 'site'; siteId: string; operator: string; cells: number; lon: number; lat: number }
  | { kind: 'cell'; cellId: string; siteId: string; operator: string; technology: string; lon: number; lat: number }
  | ({ kind: 'position' } & TypedPosition);

type Entry = { hit: Exclude<MapSearchHit, { kind: 'position' }>; searchText: string };

/** The names and ids the box searches, folded once per layer. */
export interface MapSearchIndex {
  entries: readonly Entry[];
}

/**
 * Indexes the units (with their context: the former districts of a 2025 unit, the district of a 2019 one), the
 * sites (one entry per site id, at its first cell) and the cells.
 */
export function mapSearchIndex(wards: readonly Ward[], unitContext: (ward: Ward) => string, cells: readonly Cell[]): MapSearchIndex {
  const entries: Entry[] = wards.map((ward, wardIndex) => {
    const context = unitContext(ward);
    return { hit: { kind: 'unit', wardIndex, name: ward.name, context }, searchText: searchTextOf(ward.name, context) };
  });
  const sites = new Map<string, Extract<MapSearchHit, { kind: 'site' }>>();
  for (const cell of cells) {
    const site = sites.get(cell.siteId);
    if (site !== undefined) site.cells++;
    else sites.set(cell.siteId, { kind: 'site', siteId: cell.siteId, operator: cell.operator, cells: 1, lon: cell.lon, lat: cell.lat });
  }
  for (const site of sites.values()) entries.push({ hit: site, searchText: searchTextOf(site.siteId) });
  for (const cell of cells) {
    const { cellId, siteId, operator, technology, lon, lat } = cell;
    // the site id as context: a site's id lists the site first, then its cells
    entries.push({ hit: { kind: 'cell', cellId, siteId, operator, technology, lon, lat }, searchText: searchTextOf(cellId, siteId) });
  }
  return { entries };
}

/**
 * The hits of a query, best first, at most `limit`: the typed position first when the text reads as one (in
 * degrees, DMS, or metres of `projectedCrs`), then units, sites and cells by rank (units first among equals).
 */
export function searchMap(index: MapSearchIndex, query: string, projectedCrs: Crs, limit = 8): MapSearchHit[] {
  if (query.trim() === '') return [];
  const position = readCoordinateText(query, projectedCrs);
  const named = rankBySearch(index.entries, (entry) => entry.searchText, query).map((entry) => entry.hit);
  return [...(position === null ? [] : [{ kind: 'position' as const, ...position }]), ...named].slice(0, limit);
}
