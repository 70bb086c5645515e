/**
 * The parts of a fibre network that pass households, flattened into parallel arrays of straight elements:
 * distribution route segments (backbone too when `backbonePasses`) and access nodes (zero-length elements).
 * Long segments are cut into pieces of at most `MAX_PIECE_M` so their bounding boxes stay tight in the indexes.
 */
import type { FibreNetwork } from '../model.ts';

/** Longest piece a route segment is cut into, metres: short pieces keep index boxes from covering empty land. */
const MAX_PIECE_M = 250;

/** Rough metres per degree (spherical, only used to decide how many pieces a segment is cut into). */
const METRES_PER_DEGREE = 111_320;

export interface PassingElements {
  length: number;
  /** Ends of each element in degrees; a node has a = b. */
  aLon: Float64Array;
  aLat: Float64Array;
  bLon: Float64Array;
  bLat: Float64Array;
  /** Index into `network.nodes` for node elements, −1 for route pieces. */
  node: Int32Array;
}

function piecesOf(aLon: number, aLat: number, bLon: number, bLat: number): number {
  const kx = Math.cos(((aLat + bLat) / 2) * (Math.PI / 180)) * METRES_PER_DEGREE;
  const lengthM = Math.hypot((bLon - aLon) * kx, (bLat - aLat) * METRES_PER_DEGREE);
  return Math.max(1, Math.ceil(lengthM / MAX_PIECE_M));
}

/** Flattens the passing routes and every access node of `network` (see the module comment). */
export function collectPassingElements(network: FibreNetwork, backbonePasses: boolean): PassingElements {
  const routes = network.routes.filter((route) => route.kind === 'distribution' || backbonePasses);
  let total = network.nodes.length;
  for (const route of routes) {
    for (const line of route.lines) {
      for (let i = 1; i < line.length; i++) total += piecesOf(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
    }
  }
  const elements: PassingElements = {
    length: total,
    aLon: new Float64Array(total),
    aLat: new Float64Array(total),
    bLon: new Float64Array(total),
    bLat: new Float64Array(total),
    node: new Int32Array(total).fill(-1),
  };
  let next = 0;
  for (const route of routes) {
    for (const line of route.lines) {
      for (let i = 1; i < line.length; i++) {
        const [aLon, aLat] = line[i - 1];
        const [bLon, bLat] = line[i];
        const pieces = piecesOf(aLon, aLat, bLon, bLat);
        // a straight line in degrees is straight in every local equirectangular frame: the pieces are exact
        for (let p = 0; p < pieces; p++) {
          elements.aLon[next] = aLon + ((bLon - aLon) * p) / pieces;
          elements.aLat[next] = aLat + ((bLat - aLat) * p) / pieces;
          elements.bLon[next] = aLon + ((bLon - aLon) * (p + 1)) / pieces;
          elements.bLat[next] = aLat + ((bLat - aLat) * (p + 1)) / pieces;
          next++;
        }
      }
    }
  }
  network.nodes.forEach((node, n) => {
    elements.aLon[next] = elements.bLon[next] = node.lon;
    elements.aLat[next] = elements.bLat[next] = node.lat;
    elements.node[next] = n;
    next++;
  });
  return elements;
}
