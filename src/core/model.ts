/**
 * The data model shared by every layer of phusong: what the importers produce and what the engine,
 * the worker, the CLI and the UI consume. Units live in the names (`heightM`, `rsPowerDbm`, `bandMhz`).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Technology = '2G' | '3G' | '4G' | '5G';
export const TECHNOLOGIES: readonly Technology[] = ['2G', '3G', '4G', '5G'];

/** Propagation environment, as used by the Hata family (metropolitan = large city correction). */
export type Environment = 'metropolitan' | 'urban' | 'suburban' | 'rural';
export const ENVIRONMENTS: readonly Environment[] = ['metropolitan', 'urban', 'suburban', 'rural'];

export type PathLossModelName =
  | 'fspl'
  | 'okumura-hata'
  | 'cost231-hata'
  | '3gpp-uma'
  | '3gpp-umi'
  | '3gpp-rma';
export const PATH_LOSS_MODELS: readonly PathLossModelName[] = [
  'fspl',
  'okumura-hata',
  'cost231-hata',
  '3gpp-uma',
  '3gpp-umi',
  '3gpp-rma',
];

export type SiteStatus = 'existing' | 'planned' | 'proposed';
export const SITE_STATUSES: readonly SiteStatus[] = ['existing', 'planned', 'proposed'];

/** A ward (phường / xã / thị trấn): the unit every statistic is reported by. */
export interface Ward {
  /** GSO code where known (e.g. "11296"), else whatever id the file gave. Unique within a layer. */
  id: string;
  name: string;
  district: string | null;
  /** Phường / Xã / Thị trấn, as written in the source. */
  type: string | null;
  environment: Environment | null;
  /** 2019 census figures when the file carries them (the embedded dataset does). */
  population2019: number | null;
  households2019: number | null;
  geometry: Polygon | MultiPolygon;
}

/**
 * One cell (sector) of a BTS site; sectors of one site share `siteId` and position. The radio fields (band to
 * bandwidth) are described once, with their columns, units and ranges, in `RADIO_FIELDS` (radio-fields.ts).
 * After import every RF field the link budget uses is a number: missing values are filled from `RF_DEFAULTS`.
 */
export interface Cell {
  /** Unique per cell: the file's cell id, or `${siteId}-${sectorIndex}`. */
  cellId: string;
  siteId: string;
  lon: number;
  lat: number;
  operator: string;
  technology: Technology;
  bandMhz: number;
  heightM: number;
  /** Degrees clockwise from true north; null = omnidirectional. */
  azimuthDeg: number | null;
  beamwidthDeg: number;
  /** Electrical + mechanical downtilt in degrees (positive = down); null = no vertical pattern applied. */
  tiltDeg: number | null;
  /** Reference-signal (per resource element) power at the antenna port, dBm. */
  rsPowerDbm: number;
  antennaGainDbi: number;
  feederLossDb: number;
  /** Explicit path-loss model, or null to choose one from band and environment. */
  model: PathLossModelName | null;
  /** Propagation environment, or null to take the ward's / the default. */
  environment: Environment | null;
  /** Channel number (ARFCN, UARFCN, EARFCN or NR-ARFCN), or null when the file gives none. */
  channel: number | null;
  /** Channel bandwidth in MHz, or null when the file gives none. */
  bandwidthMhz: number | null;
  status: SiteStatus;
}

/**
 * Household ids in file order. An array of strings is one; parsed files and the embedded households keep their ids
 * as one text (`JoinedIds`), since a string apiece costs the embedded start ~0.1–0.2 s in every thread that holds
 * them and a large province's parse more in garbage collection than the parse itself, and the analyses never read
 * an id (only outputs do, one at a time).
 */
export interface HouseholdIds {
  readonly length: number;
  /** The id at `index` (0 ≤ index < length). */
  at(index: number): string | undefined;
}

/**
 * Household points as flat parallel arrays (one entry per point; a point may stand for many households).
 * Kept flat so 600,000 of them index, transfer to a worker and scan without per-point objects.
 */
export interface HouseholdPoints {
  length: number;
  /** Read by index with `at`: `JoinedIds` (parsed files, the embedded binary layer: household-ids.ts), or an array. */
  ids: HouseholdIds;
  lon: Float64Array;
  lat: Float64Array;
  /** Households at the point (a 40-flat building is one point with count 40). */
  count: Uint32Array;
  /** Ward id given in the file, or null to locate the point in the ward polygons. */
  wardId: (string | null)[];
}

/**
 * Where the household points are and how many households each holds: all that the fibre reach and the fibre
 * planner read (a worker thread is sent these arrays, not the 600,000 ids).
 */
export type HouseholdLocations = Pick<HouseholdPoints, 'length' | 'lon' | 'lat' | 'count'>;

export type FibreKind = 'backbone' | 'distribution';

export interface FibreRoute {
  id: string;
  kind: FibreKind;
  operator: string | null;
  /** One or more line parts, each a list of [lon, lat]. */
  lines: Position[][];
}

/** A cabinet / splitter where households connect. Capacity in ports; null = unknown (unlimited). */
export interface AccessNode {
  id: string;
  lon: number;
  lat: number;
  capacity: number | null;
  used: number | null;
}

export interface FibreNetwork {
  routes: FibreRoute[];
  nodes: AccessNode[];
}

/** Signal classes from strongest to none; index order is used in typed arrays (Uint8Array). */
export type SignalClass = 'good' | 'fair' | 'weak' | 'none';
export const SIGNAL_CLASSES: readonly SignalClass[] = ['good', 'fair', 'weak', 'none'];

/** Lower bounds of each class in dBm: good ≥ good, fair ≥ fair, weak ≥ weak, none below. */
export interface SignalThresholdsDbm {
  good: number;
  fair: number;
  weak: number;
}

/** Configurable defaults; QCVN 81:2019/BTTTT defines service by throughput, not by signal level. */
export const DEFAULT_THRESHOLDS_DBM: SignalThresholdsDbm = { good: -100, fair: -110, weak: -120 };

/** The technologies whose downlink quality (SINR, throughput) is modelled: OFDM with resource elements. */
export type OfdmTechnology = '4G' | '5G';
export const OFDM_TECHNOLOGIES: readonly OfdmTechnology[] = ['4G', '5G'];

/** NR subcarrier spacings of TS 38.211 §4.2 used for data (kHz). */
export const NR_SUBCARRIER_SPACINGS_KHZ = [15, 30, 60, 120] as const;
export type NrSubcarrierSpacingKhz = (typeof NR_SUBCARRIER_SPACINGS_KHZ)[number];

/** Engine settings that the CLI `--config` file and the app's settings panel both set. */
export interface AnalysisSettings {
  thresholdsDbm: SignalThresholdsDbm;
  handsetHeightM: number;
  /** 3GPP models: use the LOS formula instead of max(LOS, NLOS). */
  los3gpp: boolean;
  technology: Technology;
  /** Restrict best-server to one operator; null = all operators. */
  operator: string | null;
  fibre: {
    maxDropM: number;
    /** Whether backbone routes pass households (by default only distribution routes and nodes do). */
    backbonePasses: boolean;
  };
  /** Side of the signal grid cells used to draw weak-signal zones. */
  zoneGridM: number;
  /**
   * Downlink quality of 4G and 5G (docs/models.md "SINR and throughput"): the share of the time the interfering
   * cells transmit on a resource element, 0…1 (I = loadFactor × Σ co-channel RSRP).
   */
  loadFactor: number;
  /** Handset noise figure, dB: the noise per resource element is −174 dBm/Hz + 10·log10(SCS) + noiseFigureDb. */
  noiseFigureDb: number;
  /** NR subcarrier spacing in kHz (30 for n78 at 3.5 GHz); LTE is always 15 kHz. */
  nrSubcarrierSpacingKhz: NrSubcarrierSpacingKhz;
  /** Interferers (and the best server) are counted down to this many dB below the noise per resource element. */
  interferenceCutoffDb: number;
  /** Spatial layers of the throughput model (TR 36.942 efficiency × bandwidth × layers). */
  mimoLayers: Record<OfdmTechnology, number>;
  /** Download speed a household must reach to count as "speed ok" (Decision 36/QĐ-TTg: 40 Mb/s 4G, 100 Mb/s 5G). */
  speedTargetMbps: Record<OfdmTechnology, number>;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  thresholdsDbm: DEFAULT_THRESHOLDS_DBM,
  handsetHeightM: 1.5,
  los3gpp: false,
  technology: '4G',
  operator: null,
  fibre: { maxDropM: 200, backbonePasses: false },
  zoneGridM: 50,
  loadFactor: 0.5,
  noiseFigureDb: 7,
  nrSubcarrierSpacingKhz: 30,
  interferenceCutoffDb: 10,
  mimoLayers: { '4G': 2, '5G': 4 },
  speedTargetMbps: { '4G': 40, '5G': 100 },
};
