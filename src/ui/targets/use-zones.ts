/**
 * The zones layer the zone-scoped targets read (industrial parks, ports, the central urban area), as the tab shows
 * it: the dataset's one zones layer (useDataset; drawn on the map, held by the worker for the evaluation), i.e.
 * the embedded approximate zones until the user imports the official boundaries through the app's import flow
 * (GeoJSON, KML/KMZ or a zipped Shapefile of polygons with `name` and `kind`; VN-2000 converted).
 */
import { useMemo } from 'react';
import type { Zone } from '../../core/targets/zone-membership.ts';
import type { ImportReport } from '../../worker/protocol.ts';
import type { AppData, ReportEntry } from '../use-dataset.ts';

export interface ZonesLayer {
  file: string;
  /** The embedded approximate zones: say so wherever they are used. */
  approximate: boolean;
  zones: Zone[];
}

/**
 * The zones layer in use (null before any) and the user's last zones file that could not be read, when it is
 * newer than the layer in use (its report says why). `reports` are newest first, as useDataset keeps them.
 */
export function useZones(data: Pick<AppData, 'zones' | 'approximate'>, reports: readonly ReportEntry[]): { layer: ZonesLayer | null; failed: ImportReport | null } {
  const { zones } = data;
  const approximate = data.approximate.has('zones');
  const latest = reports.find((entry) => entry.report.layer === 'zones')?.report ?? null;
  const loaded = reports.find((entry) => entry.report.layer === 'zones' && entry.report.status !== 'failed')?.report ?? null;
  const file = loaded?.file ?? '';
  const layer = useMemo(
    () => (zones === null ? null : { file, approximate, zones }),
    [zones, approximate, file],
  );
  return { layer, failed: latest !== null && latest.status === 'failed' ? latest : null };
}
