/**
 * Where every command's layers come from: the files given (`--wards`, `--sites`, `--households`, `--fibre`,
 * `--land`, `--zones`), or with `--dataset embedded` the merged city in the package's own data/ (found from this
 * module's location, whatever the working directory), any file given replacing its layer. `--layout 2025|2019`
 * chooses the reporting units: the 114 units of 2025 (the default of the embedded dataset) or the 2019 layout
 * (the 488 communes of both former provinces and Bạch Long Vĩ, `completeOldLayout`); with a layout, the crosswalk
 * (data/hp2025_crosswalk.csv) locates households whose ward ids are of the other layout, rolls 2019 rows up to
 * 2025 and names each unit's former districts. docs/targets.md "Layouts" and README "CLI".
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { assignWardsAcrossLayouts, type CrossLayoutAssignment } from '../core/layouts/assign-across-layouts.ts';
import type { Crosswalk } from '../core/layouts/crosswalk.ts';
import { completeOldLayout, formerDistrictsOf, UNIT_LAYOUTS, type UnitLayoutId } from '../core/layouts/unit-layouts.ts';
import { locateByPosition, type WardIndex } from '../core/assign-wards.ts';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import type { ImportResult } from '../io/import-result.ts';
import { decodeLayerBinary, fnv1a, type BinaryLayer } from '../io/layer-binary.ts';
import { parseCrosswalk } from '../io/parse-crosswalk.ts';
import { CliError, readInput, type LayerInputs, type RejectionLog } from './common.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { withSharedLocations } from './shared-locations.ts';

/** `--dataset NAME` (only `embedded`) and `--layout 2025|2019`, for every command. */
export const DATASET_OPTIONS = {
  dataset: { type: 'string' },
  layout: { type: 'string' },
} as const;

const DATA_DIR = join(PROJECT_ROOT, 'data');
const dataFile = (name: string): string => join(DATA_DIR, name);

/** What each layer with a binary form holds. */
interface BinaryLayerData {
  households: HouseholdPoints;
  sites: Cell[];
  fibre: FibreNetwork;
}

/** The layers a command reads from files or the embedded dataset. */
export const DATASET_LAYERS = ['wards', 'sites', 'households', 'fibre', 'land', 'zones'] as const;
export type DatasetLayer = (typeof DATASET_LAYERS)[number];

/** What the data is (page 1 and the methodology of the report; summary.json). */
export type DataKind = 'real' | 'synthetic' | 'approximate';

/** The embedded files of each layer (the 2019 wards: both provinces; Bạch Long Vĩ is added from the crosswalk). */
const EMBEDDED: Record<Exclude<DatasetLayer, 'wards'>, { file: string; kind: DataKind }> & { wards: Record<UnitLayoutId, string[]> } = {
  wards: { '2025': ['hp2025_wards_polygons.geojson'], '2019': ['hp_wards_polygons.geojson', 'hd_wards_polygons.geojson'] },
  sites: { file: 'sites.csv', kind: 'synthetic' },
  households: { file: 'households.csv.gz', kind: 'synthetic' },
  fibre: { file: 'fibre.geojson', kind: 'synthetic' },
  land: { file: 'hp2025_land.geojson', kind: 'real' },
  zones: { file: 'hp2025_zones.geojson', kind: 'approximate' },
};
const CROSSWALK_FILE = 'hp2025_crosswalk.csv';
const UNITS_2025_FILE = 'hp2025_wards_polygons.geojson';
/** Other real files of data/ a user may name explicitly (their kind is then known too). */
const OTHER_REAL_FILES = ['hp_districts_polygons.geojson', ...EMBEDDED.wards['2025'], ...EMBEDDED.wards['2019']];

/** Where one layer came from. */
export interface LayerSource {
  layer: DatasetLayer;
  /** The files read (two for the embedded 2019 wards). */
  paths: string[];
  /** Read from the embedded dataset (not given on the command line). */
  embedded: boolean;
  /** What the data is when it is one of data/'s files (also when named explicitly); null for a user's file. */
  kind: DataKind | null;
}

/** The reporting layout and what ties it to the other one. */
export interface LayoutContext {
  id: UnitLayoutId;
  crosswalk: Crosswalk;
  crosswalkPath: string;
  /** The embedded units of each layout (the roll-up's target, the grouping comparison, the former districts). */
  units2025: Ward[];
  units2019: Ward[];
  /** Former district(s) of each unit of the reporting layer by id: the crosswalk's for 2025 codes, the unit's own district otherwise. */
  formerDistricts: Record<string, string[]>;
  /** Layout of the households' ward ids: data/'s households file (embedded, named or copied) gives 2025 codes; a user's file is read in the chosen layout. */
  householdIds: UnitLayoutId;
}

/** `--dataset` and `--layout` as read. */
export interface DatasetChoice {
  embedded: boolean;
  /** null without `--layout` and without the embedded dataset (the ward file's units, as they are). */
  layout: UnitLayoutId | null;
}

/** Reads `--dataset embedded` and `--layout 2025|2019` (default 2025 with the embedded dataset). */
export function readDatasetChoice(options: { dataset?: string; layout?: string }): DatasetChoice {
  if (options.dataset !== undefined && options.dataset !== 'embedded') throw new CliError(`--dataset must be 'embedded', got '${options.dataset}'`);
  if (options.layout !== undefined && !(UNIT_LAYOUTS as readonly string[]).includes(options.layout)) {
    throw new CliError(`--layout must be one of ${UNIT_LAYOUTS.join(', ')}, got '${options.layout}'`);
  }
  const embedded = options.dataset === 'embedded';
  return { embedded, layout: (options.layout as UnitLayoutId | undefined) ?? (embedded ? '2025' : null) };
}

function kindOfFile(path: string): DataKind | null {
  for (const layer of ['sites', 'households', 'fibre', 'land', 'zones'] as const) {
    if (isDataFile(path, EMBEDDED[layer].file)) return EMBEDDED[layer].kind;
  }
  return OTHER_REAL_FILES.some((name) => isDataFile(path, name)) ? 'real' : null;
}

/** Whether `path` is data/'s file `name`: the same file, or a copy of it (same bytes). */
function isDataFile(path: string, name: string): boolean {
  const real = safeRealpath(path);
  const data = safeRealpath(dataFile(name));
  if (real === null || data === null) return false;
  if (real === data) return true;
  try {
    // sizes first: a copy is read only when it may be one
    return statSync(real).size === statSync(data).size && readFileSync(real).equals(readFileSync(data));
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * The layers of one command run: each from its option, else from the embedded dataset when chosen. Reads through
 * the command's `RejectionLog` (any format, `--crs`, `--sheet`, `--map`), so rejections are reported as for a file.
 */
export class Dataset {
  private layoutContext: LayoutContext | null | undefined;

  constructor(
    readonly choice: DatasetChoice,
    private readonly options: Partial<Record<DatasetLayer, string>>,
    private readonly log: RejectionLog,
    private readonly inputs: LayerInputs,
  ) {
    for (const layer of DATASET_LAYERS) {
      const source = this.source(layer);
      if (source?.kind != null) for (const path of source.paths) log.documented(path);
    }
  }

  /** Where `layer` comes from: its option's file, the embedded file(s), or null (not given). */
  source(layer: DatasetLayer): LayerSource | null {
    const given = this.options[layer];
    if (given !== undefined) return { layer, paths: [given], embedded: false, kind: kindOfFile(given) };
    if (!this.choice.embedded) return null;
    if (layer === 'wards') return { layer, paths: EMBEDDED.wards[this.choice.layout ?? '2025'].map(dataFile), embedded: true, kind: 'real' };
    return { layer, paths: [dataFile(EMBEDDED[layer].file)], embedded: true, kind: EMBEDDED[layer].kind };
  }

  /** The source of a layer the command cannot do without: `missing required option --LAYER` without it. */
  require(layer: DatasetLayer): LayerSource {
    const source = this.source(layer);
    if (source === null) throw new CliError(`missing required option --${layer}`);
    return source;
  }

  /** The reporting units: the file given, else the embedded units of the layout (2019: completed with Bạch Long Vĩ). */
  async wards(): Promise<Ward[]> {
    const source = this.require('wards');
    if (source.embedded) {
      const layout = (await this.layout())!;
      return layout.id === '2019' ? layout.units2019 : layout.units2025;
    }
    return (await this.log.loadLayer(source.paths[0], 'wards', this.inputs)).data;
  }

  async sites(): Promise<Cell[]> {
    const source = this.require('sites');
    return (this.embeddedBinary(source, 'sites') ?? (await this.log.loadLayer(source.paths[0], 'sites', this.inputs))).data;
  }

  /** The household points, their locations in shared memory for the command's threads (shared-locations.ts). */
  async households(): Promise<HouseholdPoints> {
    const source = this.require('households');
    return withSharedLocations((this.embeddedBinary(source, 'households') ?? (await this.log.loadLayer(source.paths[0], 'households', this.inputs))).data);
  }

  /** The fibre network, or null when neither given nor embedded. */
  async fibre(): Promise<FibreNetwork | null> {
    const source = this.source('fibre');
    if (source === null) return null;
    return (this.embeddedBinary(source, 'fibre') ?? (await this.log.loadLayer(source.paths[0], 'fibre', this.inputs))).data;
  }

  /**
   * An embedded synthetic layer from its compact binary form (data/LAYER.bin.gz, src/io/layer-binary.ts), as the
   * app reads it: the layer its parser gives on the text file, without parsing text (the parse stage of
   * `analyze --dataset embedded` 1.8 → 0.8 s). Only when the binary form was made from the text file as it is now
   * (same size and FNV-1a hash) and the layer is read without `--crs`, `--sheet` or `--map`; else null, and the text
   * file is read. Its import report goes to the rejection log under the text file's path, as a read of that file
   * would.
   */
  private embeddedBinary<L extends BinaryLayer>(source: LayerSource, layer: L): ImportResult<BinaryLayerData[L]> | null {
    const options = this.inputs(layer);
    if (!source.embedded || options.crs !== undefined || options.sheet !== undefined || options.columnMap !== undefined) return null;
    const textPath = source.paths[0];
    let decoded: ReturnType<typeof decodeLayerBinary>;
    let text: Buffer;
    try {
      text = readFileSync(textPath);
      // the households' arrays made in shared memory, as the command's threads are sent them (shared-locations.ts)
      decoded = decodeLayerBinary(gunzipSync(readFileSync(dataFile(`${layer}.bin.gz`))), layer, { shared: true });
    } catch {
      return null;
    }
    if (decoded.source.bytes !== text.length || decoded.source.fnv1a !== fnv1a(text)) return null;
    // decodeLayerBinary checked the layer: the union's member of `layer`
    const result = decoded.result as ImportResult<BinaryLayerData[L]>;
    return this.log.keep(textPath, { ...result, file: textPath, issues: result.issues.map((issue) => ({ ...issue, file: textPath })) });
  }

  /** The zones layer (targets scoped to zones), or null. */
  async zones(): Promise<Zone[] | null> {
    const source = this.source('zones');
    return source === null ? null : (await this.log.loadLayer(source.paths[0], 'zones', this.inputs)).data;
  }

  /** The land mask's polygons, or null. */
  async land(): Promise<Array<Polygon | MultiPolygon> | null> {
    const source = this.source('land');
    return source === null ? null : this.log.loadPolygons(source.paths[0], this.inputs);
  }

  /** The layout and its crosswalk, read once; null without a layout. */
  async layout(): Promise<LayoutContext | null> {
    if (this.layoutContext !== undefined) return this.layoutContext;
    const id = this.choice.layout;
    if (id === null) return (this.layoutContext = null);
    const crosswalkPath = dataFile(CROSSWALK_FILE);
    const crosswalk = this.log.keep(crosswalkPath, parseCrosswalk(readInput(crosswalkPath), crosswalkPath)).data;
    for (const name of [UNITS_2025_FILE, ...EMBEDDED.wards['2019']]) this.log.documented(dataFile(name));
    const units2025 = (await this.log.loadLayer(dataFile(UNITS_2025_FILE), 'wards', this.inputs)).data;
    const communes2019: Ward[] = [];
    for (const name of EMBEDDED.wards['2019']) communes2019.push(...(await this.log.loadLayer(dataFile(name), 'wards', this.inputs)).data);
    const units2019 = completeOldLayout(communes2019, units2025, crosswalk);
    const byCrosswalk = formerDistrictsOf(crosswalk, units2019);
    const formerDistricts: Record<string, string[]> = {};
    // the 2019 units' own districts; the 2025 codes' from the crosswalk (a code of both layouts is read in the chosen one)
    if (id === '2019') for (const unit of units2019) if (unit.district !== null) formerDistricts[unit.id] = [unit.district];
    if (id === '2025') Object.assign(formerDistricts, byCrosswalk);
    this.layoutContext = { id, crosswalk, crosswalkPath, units2025, units2019, formerDistricts, householdIds: this.householdsOfData() ? '2025' : id };
    return this.layoutContext;
  }

  /**
   * Whether the households are data/'s households file (embedded, named on the command line or a copy), whose
   * `ward_id` is the code of the household's 2025 unit whatever the layout reported.
   */
  private householdsOfData(): boolean {
    const source = this.source('households');
    return source !== null && (source.embedded || isDataFile(source.paths[0], EMBEDDED.households.file));
  }

  /**
   * Every household's unit in `wardIndex`: with a layout, ward ids of the other layout are read through the
   * crosswalk (`assignWardsAcrossLayouts`); without one, as `assignWards`, except data/'s households with any
   * ward file but data/'s 2025 units, located by position (their 2025 codes are not that file's codes).
   */
  async assign(households: HouseholdPoints, wardIndex: WardIndex): Promise<CrossLayoutAssignment> {
    const layout = await this.layout();
    if (layout === null && this.householdsOfData() && !isDataFile(this.require('wards').paths[0], UNITS_2025_FILE)) {
      // without a layout the units are the ward file's, of a layout not known: data/'s 2025 codes would put the
      // households of a whole 2025 unit in the 2019 unit of the same code (11824: 11,757 households, not 2,555)
      const householdsPath = this.require('households').paths[0];
      if (!this.log.notes.some((note) => note.code === 'ward-ids-other-layout')) {
        this.log.notes.push({ file: householdsPath, index: null, column: 'ward_id', code: 'ward-ids-other-layout', severity: 'warning' });
      }
      return { ...locateByPosition(households, wardIndex), crosswalkedCount: 0, outsideTheirUnitCount: 0 };
    }
    const side = (id: UnitLayoutId): 'old' | 'new' => (id === '2019' ? 'old' : 'new');
    const layer = side(layout?.id ?? '2025');
    const ids = layout === null ? layer : side(layout.householdIds);
    return assignWardsAcrossLayouts(households, wardIndex, { crosswalk: layout?.crosswalk ?? { newIdOfOldId: new Map() }, wardLayer: layer, householdIds: ids });
  }

}

/** A layer's file date (the newest of its files), ISO `YYYY-MM-DD`. */
export function fileDate(source: Pick<LayerSource, 'paths'>): string {
  return source.paths.map((path) => statSync(path).mtime.toISOString().slice(0, 10)).reduce((latest, date) => (date > latest ? date : latest));
}

/** summary.json's `inputs`: each layer's path (a list for the embedded 2019 wards) or null, with the dataset and layout. */
export function inputsJson(dataset: Dataset, layers: readonly DatasetLayer[], extra: Record<string, string | null> = {}): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const layer of layers) {
    const source = dataset.source(layer);
    inputs[layer] = source === null ? null : source.paths.length === 1 ? source.paths[0] : source.paths;
  }
  return { ...inputs, ...extra, dataset: dataset.choice.embedded ? 'embedded' : null, layout: dataset.choice.layout };
}
