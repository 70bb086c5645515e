/**
 * Synthetic FTTH network of the three fixed-broadband operators (VNPT, Viettel, FPT):
 * - backbone rings between district hubs (each quận's household centroid, each thị trấn), one path per operator,
 *   plus the island spur to Cát Hải and Cát Bà and the National Road 5 link to former Hải Dương's rings; feeders (kind backbone, role feeder) from each ward's network to
 *   its operator's backbone;
 * - per ward a "fibre maturity" (the share of its households the operators have cabled; high in the city, widely
 *   spread in the communes), met by cabling the ward's settlement clusters (350 m cells of household points)
 *   from the largest down;
 * - in each cabled cluster, access nodes (cabinets/splitters of 32–256 ports, partly used) at household points,
 *   with free ports for roughly all the cluster's households (a few clusters under-provisioned, so some nodes
 *   fill up), split between one or two operators;
 * - distribution cables: per ward and operator, the minimum spanning tree of its access nodes (straight
 *   segments: an approximation of cables along streets).
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import type { AccessNode, FibreNetwork, FibreRoute } from '../../src/core/model.ts';
import { distanceM, offsetM, round6, ruler } from './geometry.ts';
import type { GeneratedHouseholds } from './households.ts';
import { minimumSpanningTree } from './minimum-spanning-tree.ts';
import { GAP_WARD_IDS } from './places.ts';
import { gaussian, mulberry32, pickWeighted, randomBetween, type Random } from './random.ts';
import type { WardLand } from './ward-land.ts';
import { profileOfWard, type WardProfile } from './ward-profile.ts';

const FIBRE_OPERATORS = ['VNPT', 'Viettel', 'FPT'] as const;
type FibreOperator = (typeof FIBRE_OPERATORS)[number];

/**
 * Backbone rings (closed) and spurs as lists of hubs: the district of a group of phường (their households'
 * centre: a quận, Hải Dương city, Chí Linh) or a thị trấn name.
 */
const BACKBONE_PATHS: ReadonlyArray<{ name: string; hubs: string[]; closed: boolean; operators: readonly FibreOperator[] }> = [
  {
    name: 'inner',
    hubs: ['Quận Hồng Bàng', 'Quận Ngô Quyền', 'Quận Hải An', 'Quận Dương Kinh', 'Quận Kiến An', 'Quận Lê Chân'],
    closed: true,
    operators: ['VNPT', 'Viettel', 'FPT'],
  },
  {
    name: 'north',
    hubs: ['Quận Hồng Bàng', 'Thị trấn Núi Đèo', 'Thị trấn Minh Đức', 'Quận Hải An', 'Quận Ngô Quyền'],
    closed: true,
    operators: ['VNPT', 'Viettel', 'FPT'],
  },
  {
    name: 'west',
    hubs: ['Quận Hồng Bàng', 'Thị trấn An Dương', 'Thị trấn An Lão', 'Thị trấn Trường Sơn', 'Quận Kiến An', 'Quận Lê Chân'],
    closed: true,
    operators: ['VNPT', 'Viettel', 'FPT'],
  },
  {
    name: 'south-west',
    hubs: ['Quận Kiến An', 'Thị trấn An Lão', 'Thị trấn Vĩnh Bảo', 'Thị trấn Tiên Lãng', 'Thị trấn Núi Đối'],
    closed: true,
    operators: ['VNPT', 'Viettel'],
  },
  {
    name: 'south-east',
    hubs: ['Quận Dương Kinh', 'Quận Đồ Sơn', 'Thị trấn Núi Đối'],
    closed: true,
    operators: ['VNPT', 'Viettel', 'FPT'],
  },
  { name: 'islands', hubs: ['Quận Hải An', 'Thị trấn Cát Hải', 'Thị trấn Cát Bà'], closed: false, operators: ['VNPT', 'Viettel'] },
  // former Hải Dương: a ring round Hải Dương city, the National Road 5 corridor to Hải Phòng, the west and south
  // districts, and the north-east (Chí Linh, Kinh Môn, Kim Thành)
  {
    name: 'hd-inner',
    hubs: ['Thành phố Hải Dương', 'Thị trấn Nam Sách', 'Thị trấn Thanh Hà', 'Thị trấn Gia Lộc', 'Thị trấn Lai Cách'],
    closed: true,
    operators: ['VNPT', 'Viettel', 'FPT'],
  },
  {
    name: 'road-5',
    hubs: ['Thành phố Hải Dương', 'Thị trấn Phú Thái', 'Thị trấn An Dương', 'Quận Hồng Bàng'],
    closed: false,
    operators: ['VNPT', 'Viettel', 'FPT'],
  },
  {
    name: 'hd-south-west',
    hubs: ['Thị trấn Lai Cách', 'Thị trấn Cẩm Giàng', 'Thị trấn Kẻ Sặt', 'Thị trấn Thanh Miện', 'Thị trấn Ninh Giang', 'Thị trấn Tứ Kỳ', 'Thị trấn Gia Lộc'],
    closed: true,
    operators: ['VNPT', 'Viettel'],
  },
  {
    name: 'hd-north-east',
    hubs: ['Thị trấn Nam Sách', 'Thị xã Chí Linh', 'Thị trấn Phú Thứ', 'Thị trấn Minh Tân', 'Thị trấn Kinh Môn', 'Thị trấn Phú Thái', 'Thị trấn Thanh Hà'],
    closed: true,
    operators: ['VNPT', 'Viettel'],
  },
  { name: 'luoc-river', hubs: ['Thị trấn Ninh Giang', 'Thị trấn Vĩnh Bảo'], closed: false, operators: ['VNPT', 'Viettel'] },
];

/** Side of the settlement clusters that are cabled as a whole, metres. */
const CLUSTER_M = 350;
/** Fibre maturity (share of households cabled) per ward profile: uniform in [min, max]. */
const MATURITY_RANGE: Readonly<Record<WardProfile, readonly [number, number]>> = {
  core: [0.85, 1],
  urban: [0.5, 0.92],
  town: [0.5, 0.85],
  rural: [0.08, 0.72],
};
/** Gap communes (places.ts): outlying, little fibre. */
const GAP_MATURITY_RANGE: readonly [number, number] = [0.05, 0.3];
/** Operators' weights when a cabled cluster is given to one of them, by profile (FPT mostly in the city). */
const OPERATOR_WEIGHTS: Readonly<Record<WardProfile, readonly number[]>> = {
  core: [0.35, 0.35, 0.3],
  urban: [0.4, 0.35, 0.25],
  town: [0.45, 0.4, 0.15],
  rural: [0.5, 0.45, 0.05],
};
/** Probability that a second operator also cables a cluster, by profile (competition in the city). */
const SECOND_OPERATOR: Readonly<Record<WardProfile, number>> = { core: 0.6, urban: 0.4, town: 0.25, rural: 0.1 };
/** Free ports provided per household of a cabled cluster (all operators together); a few clusters get less. */
const PORTS_PER_HOUSEHOLD: readonly [number, number] = [1.8, 2.6];
const UNDERPROVISIONED_SHARE = 0.06;
const UNDERPROVISIONED_PORTS_PER_HOUSEHOLD: readonly [number, number] = [0.3, 0.7];
/** Ports already in use at a node, as a share of its capacity. */
const USED_SHARE: readonly [number, number] = [0.1, 0.6];
/** Node sizes in ports and how often each is built (rural and city alike). */
const CAPACITIES = [32, 64, 128, 256] as const;
const CAPACITY_WEIGHTS = [0.05, 0.15, 0.3, 0.5] as const;
/** Farthest an operator's backbone may be from a ward for the operator to cable it, metres. */
const FEEDER_REACH_M = 8000;

export interface GeneratedFibre {
  network: FibreNetwork;
  /** Operator of each access node (the data model's nodes carry none). */
  nodeOperator: FibreOperator[];
  /** Ward id of each access node. */
  nodeWardId: string[];
  /** Per route: its ward (null for rings and spurs) and its role. */
  routeWardId: Array<string | null>;
  routeRole: RouteRole[];
}

/** ring/spur: backbone between hubs; feeder: backbone link from a ward's network; distribution: passes homes. */
type RouteRole = 'ring' | 'spur' | 'feeder' | 'distribution';

/** Routes and nodes as they are built, with the attributes the data model has no field for. */
class NetworkBuilder implements GeneratedFibre {
  network: FibreNetwork = { routes: [], nodes: [] };
  nodeOperator: FibreOperator[] = [];
  nodeWardId: string[] = [];
  routeWardId: Array<string | null> = [];
  routeRole: RouteRole[] = [];

  addRoute(route: FibreRoute, wardId: string | null, role: RouteRole): void {
    this.network.routes.push(route);
    this.routeWardId.push(wardId);
    this.routeRole.push(role);
  }

  addNode(lon: number, lat: number, capacity: number, used: number, operator: FibreOperator, wardId: string): AccessNode {
    const node: AccessNode = { id: `AN-${operator}-${String(this.network.nodes.length + 1).padStart(5, '0')}`, lon, lat, capacity, used };
    this.network.nodes.push(node);
    this.nodeOperator.push(operator);
    this.nodeWardId.push(wardId);
    return node;
  }
}

/** One operator's access nodes in one ward: they get one distribution tree and one feeder. */
interface WardNetwork {
  wardId: string;
  operator: FibreOperator;
  nodes: AccessNode[];
}

/** Generates the fibre network; deterministic for a given `random`. */
export function generateFibre(wardLand: WardLand, households: GeneratedHouseholds, random: Random): GeneratedFibre {
  const builder = new NetworkBuilder();
  const backbone = buildBackbone(findHubs(wardLand, households), builder, random);
  const clustersOfWard = clusterHouseholds(wardLand, households);
  // each ward draws from its own stream, so retuning one ward's cabling leaves the others as they were
  const wardSeeds = wardLand.wards.map(() => Math.floor(random() * 2 ** 32));
  const wardNetworks = wardLand.wards.flatMap((ward, w) =>
    cableWard(ward.id, profileOfWard(ward, wardLand.landAreaKm2[w]), clustersOfWard[w], households, backbone, builder, mulberry32(wardSeeds[w])),
  );
  for (const { wardId, operator, nodes } of wardNetworks) {
    const points = nodes.map((node) => [node.lon, node.lat] as const);
    const tree = minimumSpanningTree(points).map(([a, b]) => [[...points[a]], [...points[b]]]);
    if (tree.length > 0) builder.addRoute({ id: `DS-${operator}-${wardId}`, kind: 'distribution', operator, lines: tree }, wardId, 'distribution');
  }
  for (const operator of FIBRE_OPERATORS) {
    connectFeeders(wardNetworks.filter((network) => network.operator === operator), backbone.get(operator) ?? [], builder);
  }
  return builder;
}

/** Lays every operator's rings and spurs; returns each operator's backbone as points ≤ 250 m apart. */
function buildBackbone(hubs: Map<string, [number, number]>, builder: NetworkBuilder, random: Random): Map<FibreOperator, Position[]> {
  const vertices = new Map<FibreOperator, Position[]>(FIBRE_OPERATORS.map((operator) => [operator, []]));
  for (const path of BACKBONE_PATHS) {
    const stops = path.hubs.map((name) => {
      const hub = hubs.get(name);
      if (hub === undefined) throw new Error(`generateFibre: no hub named "${name}" in the wards; fix BACKBONE_PATHS`);
      return hub;
    });
    if (path.closed) stops.push(stops[0]);
    for (const operator of path.operators) {
      const line = wigglePath(stops, random);
      builder.addRoute({ id: `BB-${operator}-${path.name}`, kind: 'backbone', operator, lines: [line] }, null, path.closed ? 'ring' : 'spur');
      vertices.get(operator)?.push(...densify(line, 250));
    }
  }
  return vertices;
}

/**
 * Cables the largest clusters of a ward until its maturity is met: access nodes at household points of each cabled
 * cluster, enough free ports for its households (a few clusters fewer), for one or two operators. An operator
 * whose backbone is farther than FEEDER_REACH_M from the ward does not build there.
 */
function cableWard(
  wardId: string,
  profile: WardProfile,
  clusters: Cluster[],
  households: GeneratedHouseholds,
  backbone: Map<FibreOperator, Position[]>,
  builder: NetworkBuilder,
  random: Random,
): WardNetwork[] {
  const [minMaturity, maxMaturity] = GAP_WARD_IDS.has(wardId) ? GAP_MATURITY_RANGE : MATURITY_RANGE[profile];
  const maturity = randomBetween(random, minMaturity, maxMaturity);
  if (clusters.length === 0) return [];
  const { lon, lat, count } = households.points;
  const anchor = clusters[0].points[0];
  const weights = OPERATOR_WEIGHTS[profile].map((weight, o) =>
    nearestM(lon[anchor], lat[anchor], backbone.get(FIBRE_OPERATORS[o]) ?? []).distanceM <= FEEDER_REACH_M ? weight : 0,
  );
  const wardHouseholds = clusters.reduce((sum, cluster) => sum + cluster.households, 0);
  const networks = new Map<FibreOperator, WardNetwork>();
  let cabled = 0;
  for (const cluster of clusters) {
    if (cabled >= maturity * wardHouseholds) break;
    cabled += cluster.households;
    const operators = pickOperators(weights, SECOND_OPERATOR[profile], random);
    const [minPorts, maxPorts] = random() < UNDERPROVISIONED_SHARE ? UNDERPROVISIONED_PORTS_PER_HOUSEHOLD : PORTS_PER_HOUSEHOLD;
    let freePortsNeeded = Math.ceil(cluster.households * randomBetween(random, minPorts, maxPorts));
    const taken = new Set<number>();
    for (let n = 0; freePortsNeeded > 0 && taken.size < cluster.points.length; n++) {
      const k = cluster.points[pickWeighted(random, cluster.weights)];
      if (taken.has(k)) continue;
      taken.add(k);
      // at least big enough for the apartment building it stands at
      const capacity = Math.max(CAPACITIES[pickWeighted(random, CAPACITY_WEIGHTS)], CAPACITIES.find((ports) => ports >= count[k]) ?? 256);
      const used = Math.round(capacity * randomBetween(random, USED_SHARE[0], USED_SHARE[1]));
      freePortsNeeded -= capacity - used;
      const operator = operators[n % operators.length];
      let network = networks.get(operator);
      if (network === undefined) {
        network = { wardId, operator, nodes: [] };
        networks.set(operator, network);
      }
      network.nodes.push(builder.addNode(lon[k], lat[k], capacity, used, operator, wardId));
    }
  }
  return FIBRE_OPERATORS.flatMap((operator) => networks.get(operator) ?? []);
}

/**
 * Feeders from each ward network to its operator's network, nearest wards first, each to the closest backbone
 * point or access node of a ward already connected — so feeders chain outward from the rings as real ones do.
 */
function connectFeeders(wardNetworks: WardNetwork[], backbone: Position[], builder: NetworkBuilder): void {
  const connected: Position[] = [...backbone];
  const order = wardNetworks
    .map((network) => ({ network, distanceM: nearestM(network.nodes[0].lon, network.nodes[0].lat, backbone).distanceM }))
    .sort((a, b) => a.distanceM - b.distanceM);
  for (const { network } of order) {
    const [anchor] = network.nodes;
    const { point, distanceM: gapM } = nearestM(anchor.lon, anchor.lat, connected);
    if (point !== null && gapM >= 1) {
      const line = [[anchor.lon, anchor.lat], [round6(point[0]), round6(point[1])]];
      builder.addRoute({ id: `FD-${network.operator}-${network.wardId}`, kind: 'backbone', operator: network.operator, lines: [line] }, network.wardId, 'feeder');
    }
    connected.push(...network.nodes.map((node) => [node.lon, node.lat]));
  }
}

/** The point of `points` nearest [lon, lat] and its distance (null and Infinity when there is none). */
function nearestM(lon: number, lat: number, points: Position[]): { point: Position | null; distanceM: number } {
  let point: Position | null = null;
  let best = Infinity;
  for (const candidate of points) {
    const d = distanceM(lon, lat, candidate[0], candidate[1]);
    if (d < best) {
      best = d;
      point = candidate;
    }
  }
  return { point, distanceM: best };
}

interface Cluster {
  households: number;
  /** Household point indices in the cluster, and their counts as weights for placing nodes. */
  points: number[];
  weights: number[];
}

/** Household points of each ward binned into CLUSTER_M cells, clusters sorted largest first (ties by position). */
function clusterHouseholds(wardLand: WardLand, { points, wardOfPoint }: GeneratedHouseholds): Cluster[][] {
  const byWard = wardLand.wards.map(() => new Map<string, Cluster>());
  for (let k = 0; k < points.length; k++) {
    const [x, y] = offsetToCell(points.lon[k], points.lat[k]);
    const key = `${x},${y}`;
    const clusters = byWard[wardOfPoint[k]];
    let cluster = clusters.get(key);
    if (cluster === undefined) {
      cluster = { households: 0, points: [], weights: [] };
      clusters.set(key, cluster);
    }
    cluster.households += points.count[k];
    cluster.points.push(k);
    cluster.weights.push(points.count[k]);
  }
  return byWard.map((clusters) =>
    [...clusters.values()].sort((a, b) => b.households - a.households || a.points[0] - b.points[0]),
  );
}

/** Column and row of the CLUSTER_M cell holding the point, on a city-wide lattice of local metres. */
function offsetToCell(lon: number, lat: number): [number, number] {
  return [Math.floor((lon * ruler.kx) / CLUSTER_M), Math.floor((lat * ruler.ky) / CLUSTER_M)];
}

/** One operator for the cluster by weight, and with probability `second` another one. */
function pickOperators(weights: readonly number[], second: number, random: Random): FibreOperator[] {
  const first = pickWeighted(random, weights);
  const others = weights.map((weight, o) => (o === first ? 0 : weight));
  if (random() >= second || others.every((weight) => weight === 0)) return [FIBRE_OPERATORS[first]];
  return [FIBRE_OPERATORS[first], FIBRE_OPERATORS[pickWeighted(random, others)]];
}

/**
 * The hubs of the backbone: each thị trấn at its households' weighted centre, the phường of each district (quận,
 * city, thị xã) at their households' weighted centre, both snapped to the nearest household point (so on land).
 */
function findHubs(wardLand: WardLand, { points, wardOfPoint }: GeneratedHouseholds): Map<string, [number, number]> {
  const groups = new Map<string, number[]>();
  for (let k = 0; k < points.length; k++) {
    const ward = wardLand.wards[wardOfPoint[k]];
    const name = ward.type === 'Thị trấn' ? ward.name : ward.type === 'Phường' ? ward.district : null;
    if (name === null) continue;
    const members = groups.get(name);
    if (members === undefined) groups.set(name, [k]);
    else members.push(k);
  }
  const hubs = new Map<string, [number, number]>();
  for (const [name, members] of groups) {
    let sumLon = 0, sumLat = 0, sumCount = 0;
    for (const k of members) {
      sumLon += points.lon[k] * points.count[k];
      sumLat += points.lat[k] * points.count[k];
      sumCount += points.count[k];
    }
    const [lon, lat] = [sumLon / sumCount, sumLat / sumCount];
    let nearest = members[0];
    for (const k of members) {
      if (distanceM(lon, lat, points.lon[k], points.lat[k]) < distanceM(lon, lat, points.lon[nearest], points.lat[nearest])) nearest = k;
    }
    hubs.set(name, [points.lon[nearest], points.lat[nearest]]);
  }
  return hubs;
}

/** The path through the stops with two bends per link, offset sideways by ~5 % of its length (cables follow roads). */
function wigglePath(stops: Array<[number, number]>, random: Random): Position[] {
  const line: Position[] = [[stops[0][0], stops[0][1]]];
  for (let i = 1; i < stops.length; i++) {
    const [aLon, aLat] = stops[i - 1];
    const [bLon, bLat] = stops[i];
    const eastM = (bLon - aLon) * ruler.kx;
    const northM = (bLat - aLat) * ruler.ky;
    const lengthM = Math.hypot(eastM, northM);
    for (const t of [1 / 3, 2 / 3]) {
      const sideM = gaussian(random) * 0.05 * lengthM;
      // unit vector perpendicular to the link: (−north, east) / length
      const [lon, lat] = offsetM(aLon + t * (bLon - aLon), aLat + t * (bLat - aLat), (-northM / lengthM) * sideM, (eastM / lengthM) * sideM);
      line.push([round6(lon), round6(lat)]);
    }
    line.push([bLon, bLat]);
  }
  return line;
}

/** Points along the line at most `stepM` apart (the line's vertices included). */
function densify(line: Position[], stepM: number): Position[] {
  const result: Position[] = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const [aLon, aLat] = line[i - 1];
    const [bLon, bLat] = line[i];
    const steps = Math.max(1, Math.ceil(distanceM(aLon, aLat, bLon, bLat) / stepM));
    for (let s = 1; s <= steps; s++) result.push([aLon + ((bLon - aLon) * s) / steps, aLat + ((bLat - aLat) * s) / steps]);
  }
  return result;
}

/**
 * The network as GeoJSON, one feature per line of text: routes (`route_id`, `kind`, `operator`, `role`, `ward_id`),
 * then access nodes (`node_id`, `operator`, `capacity`, `used`, `ward_id`); every feature has `synthetic: true`.
 */
export function fibreGeojson({ network, nodeOperator, nodeWardId, routeWardId, routeRole }: GeneratedFibre): string {
  const routeFeatures: Array<Feature<LineString | MultiLineString>> = network.routes.map((route, r) => ({
    type: 'Feature',
    properties: {
      route_id: route.id,
      kind: route.kind,
      operator: route.operator,
      role: routeRole[r],
      ward_id: routeWardId[r],
      synthetic: true,
    },
    geometry: route.lines.length === 1 ? { type: 'LineString', coordinates: route.lines[0] } : { type: 'MultiLineString', coordinates: route.lines },
  }));
  const nodeFeatures: Array<Feature<Point>> = network.nodes.map((node, n) => ({
    type: 'Feature',
    properties: { node_id: node.id, operator: nodeOperator[n], capacity: node.capacity, used: node.used, ward_id: nodeWardId[n], synthetic: true },
    geometry: { type: 'Point', coordinates: [node.lon, node.lat] },
  }));
  const collection: FeatureCollection = { type: 'FeatureCollection', features: [...routeFeatures, ...nodeFeatures] };
  const lines = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}
