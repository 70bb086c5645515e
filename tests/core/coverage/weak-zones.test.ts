/**
 * Weak-signal zones on hand-built fixtures whose answers are worked out analytically:
 * - a 4 km × 4 km square (two 2 km × 4 km wards) around one omni cell whose RSRP falls below the fair floor
 *   (−110 dBm) exactly 1 km away: the zone is the square minus a 1 km disk, 16 − π = 12.858 km²;
 * - the same with only the western half as land: half of that, 6.429 km², and households in the "sea" ignored;
 * - a lone weak grid cell: dropped as a sliver unless a household lies in it;
 * - three 3-sector sites: the adaptive refinement gives the same zones as evaluating every cell;
 * - the engine over a random city: a refined block's one search gives the zones of a point query per sample.
 * Metres per degree are the standard WGS84 series (111132.92 − 559.82 cos 2φ + …), independent of the code's
 * cheap-ruler.
 */
import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { DEFAULT_SETTINGS, type HouseholdPoints, type Ward } from '../../../src/core/model.ts';
import type { CoverageResult } from '../../../src/core/coverage/coverage-result.ts';
import { computeWeakZones, type SignalSource, type WeakZonesInput } from '../../../src/core/coverage/weak-zones.ts';
import { createZoneGrid } from '../../../src/core/coverage/zone-raster.ts';
import { polygonsOf } from '../../../src/core/geo/polygons.ts';
import { assignWards, indexWards } from '../../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../../src/core/coverage/coverage-engine.ts';
import { PlaceEnvironment } from '../../../src/core/resolve-environment.ts';
import { randomCity } from '../../helpers/random-city.ts';

import { at, LAT0, LON0, M_PER_DEG_LAT, M_PER_DEG_LON } from '../../helpers/local-metres.ts';
const metresFrom = (lon: number, lat: number, [lon0, lat0]: [number, number]): number =>
  Math.hypot((lon - lon0) * M_PER_DEG_LON, (lat - lat0) * M_PER_DEG_LAT);

function rectangle(westM: number, southM: number, eastM: number, northM: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [[at(westM, southM), at(eastM, southM), at(eastM, northM), at(westM, northM), at(westM, southM)]],
  };
}

function ward(id: string, geometry: Polygon): Ward {
  return { id, name: id, district: null, type: null, environment: null, population2019: null, households2019: null, geometry };
}

/** Free-space slope around one omni cell at the origin: RSRP = −110 − 20·log10(d / 1000 m), so −110 dBm at 1 km. */
const omniAtOrigin: SignalSource = {
  bestServerAt(lon, lat) {
    const distanceM = Math.max(metresFrom(lon, lat, at(0, 0)), 1);
    return { cellIndex: 0, rsrpDbm: -110 - 20 * Math.log10(distanceM / 1000) };
  },
};

interface HouseholdSpec {
  eastM: number;
  northM: number;
  count: number;
  rsrpDbm: number;
}

/** Households with their coverage classes by the default thresholds (good ≥ −100, fair ≥ −110, weak ≥ −120). */
function householdsAndCoverage(specs: HouseholdSpec[], wardOf: number[]): Pick<WeakZonesInput, 'households' | 'coverage' | 'wardOfHousehold'> {
  const n = specs.length;
  const households: HouseholdPoints = {
    length: n,
    ids: specs.map((_, k) => `h${k}`),
    lon: Float64Array.from(specs, (s) => at(s.eastM, s.northM)[0]),
    lat: Float64Array.from(specs, (s) => at(s.eastM, s.northM)[1]),
    count: Uint32Array.from(specs, (s) => s.count),
    wardId: specs.map(() => null),
  };
  const classOf = (rsrp: number): number => (rsrp >= -100 ? 0 : rsrp >= -110 ? 1 : rsrp >= -120 ? 2 : 3);
  const coverage: CoverageResult = {
    technology: '4G',
    operator: null,
    bestCell: Int32Array.from(specs, (s) => (Number.isFinite(s.rsrpDbm) ? 0 : -1)),
    rsrpDbm: Float32Array.from(specs, (s) => s.rsrpDbm),
    signalClass: Uint8Array.from(specs, (s) => classOf(s.rsrpDbm)),
    sinrDb: new Float32Array(specs.length).fill(NaN),
    throughputMbps: new Float32Array(specs.length).fill(NaN),
    serversWithin6Db: new Uint8Array(specs.length),
  };
  return { households, coverage, wardOfHousehold: Int32Array.from(wardOf) };
}

/** Shoelace area in km² (local metres) and the sign of each ring (positive = counter-clockwise). */
function ringAreaKm2(ring: Position[]): number {
  let sum = 0;
  for (let k = 1; k < ring.length; k++) {
    sum += (ring[k - 1][0] * ring[k][1] - ring[k][0] * ring[k - 1][1]) * M_PER_DEG_LON * M_PER_DEG_LAT;
  }
  return sum / 2 / 1e6;
}

const WARDS = [ward('W1', rectangle(-2000, -2000, 0, 2000)), ward('W2', rectangle(0, -2000, 2000, 2000))];

describe('computeWeakZones: square ward around one omni cell', () => {
  const specs: HouseholdSpec[] = [
    { eastM: 0, northM: 0, count: 5, rsrpDbm: -80 }, // at the cell: good, in the disk
    { eastM: 1500, northM: 0, count: 7, rsrpDbm: -113.5 }, // weak, in the zone (W2)
    { eastM: -500, northM: 1800, count: 2, rsrpDbm: -115.6 }, // weak, in the zone (W1)
    { eastM: 5000, northM: 0, count: 100, rsrpDbm: -124 }, // none, outside every ward and the land
  ];
  const input: WeakZonesInput = {
    wards: WARDS,
    land: null,
    engine: omniAtOrigin,
    ...householdsAndCoverage(specs, [1, 1, 0, -1]),
  };
  const zones = computeWeakZones(input, DEFAULT_SETTINGS);

  it('gives one zone: the square minus the 1 km disk (16 − π km²) within grid tolerance', () => {
    expect(zones.features).toHaveLength(1);
    const zone = zones.features[0];
    expect(zone.geometry.type).toBe('Polygon');
    const rings = (zone.geometry as Polygon).coordinates;
    expect(rings).toHaveLength(2);
    // RFC 7946 orientation: exterior counter-clockwise, hole clockwise
    expect(ringAreaKm2(rings[0])).toBeGreaterThan(0);
    expect(ringAreaKm2(rings[1])).toBeLessThan(0);
    expect(Math.abs(ringAreaKm2(rings[1]))).toBeCloseTo(Math.PI, 1); // hole = π·1² km², ±0.05
    expect(zone.properties.area_km2).toBeGreaterThan((16 - Math.PI) * 0.99);
    expect(zone.properties.area_km2).toBeLessThan((16 - Math.PI) * 1.01);
  });

  it('counts the weak/none households inside it and names both wards', () => {
    const zone = zones.features[0].properties;
    expect(zone.zone_id).toBe('Z0001');
    expect(zone.households).toBe(7 + 2);
    expect(zone.ward_ids).toEqual(['W1', 'W2']);
  });

  it('reports the best signal in the zone: just under the fair floor, class weak', () => {
    const zone = zones.features[0].properties;
    // the strongest zone cells border the disk: −110 − 20·log10(1 + ≤ 0.07) > −110.6 dBm
    expect(zone.best_rsrp_dbm).not.toBeNull();
    expect(zone.best_rsrp_dbm!).toBeLessThan(-110);
    expect(zone.best_rsrp_dbm!).toBeGreaterThan(-110.6);
    expect(zone.signal_class).toBe('weak');
  });

  it('takes the class none when no cell reaches the weak floor anywhere in the zone', () => {
    const silent: SignalSource = { bestServerAt: () => ({ cellIndex: -1, rsrpDbm: -Infinity }) };
    const [zone] = computeWeakZones({ ...input, engine: silent }, DEFAULT_SETTINGS).features;
    expect(zone.properties.best_rsrp_dbm).toBe(-113.5); // only the households carry an RSRP
    const allNone = computeWeakZones(
      { ...input, engine: silent, ...householdsAndCoverage([], []) },
      DEFAULT_SETTINGS,
    ).features[0].properties;
    expect(allNone.best_rsrp_dbm).toBeNull();
    expect(allNone.signal_class).toBe('none');
    expect(allNone.area_km2).toBeGreaterThan(16 * 0.99);
  });

  it('reports progress up to 1 and stops when cancelled', () => {
    const fractions: number[] = [];
    computeWeakZones(input, DEFAULT_SETTINGS, (fraction) => fractions.push(fraction));
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(() => computeWeakZones(input, DEFAULT_SETTINGS, undefined, () => true)).toThrow(/cancelled/);
  });
});

describe('computeWeakZones: land mask', () => {
  it('draws zones only over land: the western half gives half the area and ignores households at sea', () => {
    const specs: HouseholdSpec[] = [
      { eastM: 1500, northM: 0, count: 7, rsrpDbm: -113.5 }, // east half: sea
      { eastM: -500, northM: 1800, count: 2, rsrpDbm: -115.6 }, // west half: land
      { eastM: -1900, northM: -1900, count: 4, rsrpDbm: -121 }, // south-west corner: none, on land
    ];
    const zones = computeWeakZones(
      {
        wards: WARDS,
        land: [rectangle(-2000, -2000, 0, 2000)],
        engine: omniAtOrigin,
        ...householdsAndCoverage(specs, [1, 0, 0]),
      },
      DEFAULT_SETTINGS,
    );
    expect(zones.features).toHaveLength(1);
    const zone = zones.features[0].properties;
    expect(zone.area_km2).toBeGreaterThan(((16 - Math.PI) / 2) * 0.99);
    expect(zone.area_km2).toBeLessThan(((16 - Math.PI) / 2) * 1.01);
    expect(zone.households).toBe(2 + 4);
    expect(zone.ward_ids).toEqual(['W1']);
  });
});

describe('computeWeakZones: slivers', () => {
  const square = [ward('W1', rectangle(-1000, -1000, 1000, 1000))];
  const grid = createZoneGrid(polygonsOf(square.map((w) => w.geometry)), 50, 1)!;
  // the centre of one grid cell near the middle of the ward, and a source weak only within 5 m of it
  const i = Math.round((LON0 - grid.westLon) / grid.cellLonDeg);
  const j = Math.round((LAT0 - grid.southLat) / grid.cellLatDeg);
  const centre: [number, number] = [grid.westLon + (i + 0.5) * grid.cellLonDeg, grid.southLat + (j + 0.5) * grid.cellLatDeg];
  const pinhole: SignalSource = {
    bestServerAt: (lon, lat) => ({ cellIndex: 0, rsrpDbm: metresFrom(lon, lat, centre) < 5 ? -115 : -90 }),
  };
  const base = { wards: square, land: null, engine: pinhole, topBlockCells: 1 };

  it('drops a lone weak cell that holds no households', () => {
    expect(computeWeakZones({ ...base, ...householdsAndCoverage([], []) }, DEFAULT_SETTINGS).features).toHaveLength(0);
  });

  it('keeps it when a weak household lies in it', () => {
    const offsetEastM = (centre[0] - LON0) * M_PER_DEG_LON;
    const offsetNorthM = (centre[1] - LAT0) * M_PER_DEG_LAT;
    const inputs = householdsAndCoverage([{ eastM: offsetEastM, northM: offsetNorthM, count: 3, rsrpDbm: -115 }], [0]);
    const zones = computeWeakZones({ ...base, ...inputs }, DEFAULT_SETTINGS);
    expect(zones.features).toHaveLength(1);
    expect(zones.features[0].properties.households).toBe(3);
    // marching squares outline a lone cell as a diamond of half a cell: 0.5 × 50 m × 50 m
    expect(zones.features[0].properties.area_km2).toBeCloseTo(0.00125, 5);
  });
});

describe('computeWeakZones: adaptive refinement against every cell', () => {
  // three 3-sector sites; path loss 128.1 + 37.6·log10(d km) (3GPP TR 36.814 macro), sector pattern
  // min(12·(φ/65°)², 25) dB (TR 36.814 Table A.2.1.1-2), EIRP 15 dBm + 17 dBi − 2 dB per reference signal
  const sites = [at(-2500, -1000), at(1500, 1800), at(2500, -2200)];
  const sectored: SignalSource & { calls: number } = {
    calls: 0,
    bestServerAt(lon, lat) {
      this.calls++;
      let best = -Infinity;
      for (const site of sites) {
        const eastM = (lon - site[0]) * M_PER_DEG_LON;
        const northM = (lat - site[1]) * M_PER_DEG_LAT;
        const distanceKm = Math.max(Math.hypot(eastM, northM), 20) / 1000;
        const bearingDeg = (Math.atan2(eastM, northM) * 180) / Math.PI;
        for (const azimuthDeg of [0, 120, 240]) {
          const offAxisDeg = Math.abs(((bearingDeg - azimuthDeg + 540) % 360) - 180);
          const patternDb = Math.min(12 * (offAxisDeg / 65) ** 2, 25);
          const rsrp = 30 - (128.1 + 37.6 * Math.log10(distanceKm)) - patternDb;
          if (rsrp > best) best = rsrp;
        }
      }
      return { cellIndex: 0, rsrpDbm: best };
    },
  };
  const wards = [ward('A', rectangle(-5000, -4000, 0, 4000)), ward('B', rectangle(0, -4000, 5000, 4000))];
  // households on a 370 m lattice, classed by the same signal
  const specs: HouseholdSpec[] = [];
  for (let east = -4900; east < 5000; east += 370) {
    for (let north = -3900; north < 4000; north += 370) {
      const [lon, lat] = at(east, north);
      specs.push({ eastM: east, northM: north, count: 1, rsrpDbm: sectored.bestServerAt(lon, lat).rsrpDbm });
    }
  }
  const inputs = householdsAndCoverage(specs, specs.map((s) => (s.eastM < 0 ? 0 : 1)));

  it('finds the same zones, areas within 0.5 %, with far fewer signal evaluations', () => {
    sectored.calls = 0;
    const exhaustive = computeWeakZones({ wards, land: null, engine: sectored, topBlockCells: 1, ...inputs }, DEFAULT_SETTINGS);
    const exhaustiveCalls = sectored.calls;
    sectored.calls = 0;
    const adaptive = computeWeakZones({ wards, land: null, engine: sectored, ...inputs }, DEFAULT_SETTINGS);
    const adaptiveCalls = sectored.calls;

    expect(exhaustive.features.length).toBeGreaterThan(0);
    const total = (zones: typeof adaptive, key: 'area_km2' | 'households'): number =>
      zones.features.reduce((sum, zone) => sum + zone.properties[key], 0);
    expect(adaptive.features.length).toBe(exhaustive.features.length);
    expect(total(adaptive, 'households')).toBe(total(exhaustive, 'households'));
    expect(Math.abs(total(adaptive, 'area_km2') - total(exhaustive, 'area_km2'))).toBeLessThan(0.005 * total(exhaustive, 'area_km2'));
    expect(adaptiveCalls).toBeLessThan(0.5 * exhaustiveCalls);
  });

  it('counts every weak/none household whose cell is weak, and never a good or fair one', () => {
    const zones = computeWeakZones({ wards, land: null, engine: sectored, ...inputs }, DEFAULT_SETTINGS);
    const weakHouseholds = specs.filter((s) => s.rsrpDbm < -110).length;
    const inZones = zones.features.reduce((sum, zone) => sum + zone.properties.households, 0);
    // each lattice household is weak exactly when the signal at its point is; its cell centre is ≤ 35 m away,
    // so only households right at a zone edge may land in a covered cell
    expect(inZones).toBeLessThanOrEqual(weakHouseholds);
    expect(inZones).toBeGreaterThan(0.95 * weakHouseholds);
  });
});

describe('computeWeakZones: the point queries stop at the sampling floor', () => {
  // one 3-sector site at the origin, TR 36.814 macro path loss and sector pattern as above: the fair floor
  // (−110 dBm) lies ~1.6–2.2 km out, the sampling floor (−110 − 0.015 dB/m × 16 × 50 m = −122 dBm) ~4.3 km out;
  // ward C, 5–7 km east and apart from the others, lies wholly below it; ward D, a strip 4.6–5.4 km north, has its
  // 800 m blocks' corners between the two (a floor any higher, e.g. half that margin, changes its zone)
  const site = at(0, 0);
  const signalAt = (lon: number, lat: number): number => {
    const eastM = (lon - site[0]) * M_PER_DEG_LON;
    const northM = (lat - site[1]) * M_PER_DEG_LAT;
    const distanceKm = Math.max(Math.hypot(eastM, northM), 20) / 1000;
    const bearingDeg = (Math.atan2(eastM, northM) * 180) / Math.PI;
    let best = -Infinity;
    for (const azimuthDeg of [0, 120, 240]) {
      const offAxisDeg = Math.abs(((bearingDeg - azimuthDeg + 540) % 360) - 180);
      best = Math.max(best, 30 - (128.1 + 37.6 * Math.log10(distanceKm)) - Math.min(12 * (offAxisDeg / 65) ** 2, 25));
    }
    return best;
  };
  /** The brute force: every value exact, whatever floor is asked. */
  const exact: SignalSource = { bestServerAt: (lon, lat) => ({ cellIndex: 0, rsrpDbm: signalAt(lon, lat) }) };
  /** As the engine may answer: no server below the floor asked; counts the samples the floor spared. */
  const floored: SignalSource & { spared: number } = {
    spared: 0,
    bestServerAt(lon, lat, floorDbm = -Infinity) {
      const rsrpDbm = signalAt(lon, lat);
      if (rsrpDbm >= floorDbm) return { cellIndex: 0, rsrpDbm };
      this.spared++;
      return { cellIndex: -1, rsrpDbm: -Infinity };
    },
  };
  const wards = [
    ward('A', rectangle(-4500, -4000, 0, 4000)),
    ward('B', rectangle(0, -4000, 4500, 4000)),
    ward('C', rectangle(5000, -1000, 7000, 1000)),
    ward('D', rectangle(-3500, 4600, 3500, 5400)),
  ];
  const specs: HouseholdSpec[] = [];
  for (let east = -4400; east < 4500; east += 410) {
    for (let north = -3900; north < 4000; north += 410) {
      const [lon, lat] = at(east, north);
      specs.push({ eastM: east, northM: north, count: 1, rsrpDbm: signalAt(lon, lat) });
    }
  }
  const inputs = householdsAndCoverage(specs, specs.map((s) => (s.eastM < 0 ? 0 : 1)));

  for (const topBlockCells of [1, 16]) {
    it(`gives the zones of the exact signal, byte for byte (top block ${topBlockCells} cells)`, () => {
      floored.spared = 0;
      const reference = computeWeakZones({ wards, land: null, engine: exact, topBlockCells, ...inputs }, DEFAULT_SETTINGS);
      const zones = computeWeakZones({ wards, land: null, engine: floored, topBlockCells, ...inputs }, DEFAULT_SETTINGS);
      expect(JSON.stringify(zones)).toBe(JSON.stringify(reference));
      expect(floored.spared).toBeGreaterThan(100);
      // ward C's zone: its best lies below the sampling floor, found by searching its samples in full; over the
      // ward the signal runs from −125.7 dBm (nearest corner, 5.1 km at 19° off the 120° sector) to −134.2 dBm
      // (farthest, 7.1 km at 38° off it)
      const island = reference.features.find((zone) => zone.properties.ward_ids.join() === 'C')!.properties;
      expect(island.best_rsrp_dbm!).toBeLessThanOrEqual(-125.7);
      expect(island.best_rsrp_dbm!).toBeGreaterThan(-134.2);
      expect(island.signal_class).toBe('none');
      expect(reference.features.find((zone) => zone.properties.ward_ids.join() === 'A,B')!.properties.best_rsrp_dbm!).toBeGreaterThan(-111);
    });
  }
});

describe('computeWeakZones: a refined block searched once (SignalSource.signalOver)', () => {
  it("gives the engine's zones byte for byte as a point query per sample does, with far fewer point queries", () => {
    // the random city's 40 cells within 8 km of the origin, wards out to 24 km: wide weak areas, deeply refined
    const { cells, points } = randomCity(31, 4000, 40);
    const wards = [ward('N', rectangle(-24000, 0, 24000, 24000)), ward('S', rectangle(-24000, -24000, 24000, 0))];
    const engine = new CoverageEngine({ place: new PlaceEnvironment(points, indexWards(wards)), cells, households: points, settings: DEFAULT_SETTINGS });
    const coverage = engine.run();
    const input = { wards, land: null, households: points, wardOfHousehold: assignWards(points, indexWards(wards)).wardIndex, coverage };
    let pointQueries = 0;
    let blocks = 0;
    const counted: SignalSource = {
      bestServerAt: (lon, lat, floorDbm) => {
        pointQueries++;
        return engine.bestServerAt(lon, lat, floorDbm);
      },
    };
    const withBlocks: SignalSource = {
      ...counted,
      signalOver: (west, south, east, north, floorDbm) => {
        blocks++;
        return engine.signalOver(west, south, east, north, floorDbm);
      },
    };
    const reference = computeWeakZones({ ...input, engine: counted }, DEFAULT_SETTINGS);
    const referenceQueries = pointQueries;
    pointQueries = 0;
    const zones = computeWeakZones({ ...input, engine: withBlocks }, DEFAULT_SETTINGS);
    expect(reference.features.length).toBeGreaterThan(1);
    expect(JSON.stringify(zones)).toBe(JSON.stringify(reference));
    expect(blocks).toBeGreaterThan(50);
    expect(pointQueries).toBeLessThan(0.5 * referenceQueries);
  });
});
