/**
 * Files of `data/` the app reads beside the dataset, fetched once after it has loaded: the 2019 layout's units of
 * both former provinces and the 2019 → 2025 crosswalk (the layout switch). Bundled as assets like the dataset's
 * files. (The approximate zones are a layer of the embedded dataset: embedded-dataset.ts.)
 */
import type { NamedBytes } from '../../worker/protocol.ts';

const URLS = import.meta.glob<string>(
  [
    '../../../data/hp_wards_polygons.geojson',
    '../../../data/hd_wards_polygons.geojson',
    '../../../data/hp2025_crosswalk.csv',
  ],
  { query: '?url', import: 'default', eager: true },
);

async function fetchFile(file: string): Promise<NamedBytes> {
  const url = URLS[`../../../data/${file}`];
  if (url === undefined) throw new Error(`${file} is not in data/`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return { file, bytes: await response.arrayBuffer() };
}

export interface LayoutFiles {
  units2019: NamedBytes[];
  crosswalk: NamedBytes;
}

/** The 2019 layout (Hải Phòng's 223 units, then former Hải Dương's 265) and the crosswalk. */
export async function fetchLayoutFiles(): Promise<LayoutFiles> {
  const [hp, hd, crosswalk] = await Promise.all(['hp_wards_polygons.geojson', 'hd_wards_polygons.geojson', 'hp2025_crosswalk.csv'].map(fetchFile));
  return { units2019: [hp, hd], crosswalk };
}

/** A copy to hand to the worker (the transfer empties the buffer; the app keeps the bytes for a restarted worker). */
export function copyOf(file: NamedBytes): NamedBytes {
  return { file: file.file, bytes: file.bytes.slice(0) };
}
