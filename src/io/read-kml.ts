/**
 * KML and KMZ (Google Earth) into GeoJSON features with @tmcw/togeojson, the XML parsed by @xmldom/xmldom (the
 * same in Node, tests and the browser). Placemarks in Folders are flattened in document order, each with its
 * folder path in `folder`; name, description and ExtendedData / SchemaData fields become properties. A
 * MultiGeometry of one geometry type becomes a Multi* geometry; a mixed one stays a GeometryCollection (which
 * no layer accepts, so it is reported). NetworkLinks and GroundOverlays are not placemarks and are left out. A document that declares a DTD is refused before parsing: KML never
 * needs one, and DTDs are how external entities (XXE) and entity expansion ("billion laughs") attacks work.
 */
import { kmlWithFolders, type Folder, type F } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { Feature, Geometry } from 'geojson';
import { unzipLimited } from './safe-zip.ts';

export type KmlReading = { ok: true; features: Feature[] } | { ok: false; error: string };

/** Encoding named in the XML declaration (`<?xml version="1.0" encoding="windows-1258"?>`), UTF-8 by default. */
function xmlText(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head.replace(/^\uFEFF|^ï»¿/, ''))?.[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes).normalize('NFC');
}

/** Reads KML text (or bytes). Never throws. */
export function readKml(input: string | Uint8Array): KmlReading {
  const text = typeof input === 'string' ? input : xmlText(input);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, error: 'the document declares a DTD or entities (<!DOCTYPE/<!ENTITY): refused, KML never needs one' };
  }
  let problem: string | null = null;
  const parser = new DOMParser({
    onError(level, message) {
      if (level !== 'warning' && problem === null) problem = message.split('\n')[0];
    },
  });
  let features: Feature[];
  try {
    const document = parser.parseFromString(text, 'text/xml');
    if (problem !== null) return { ok: false, error: `not well-formed XML (${problem})` };
    const root = document.documentElement;
    if (root === null || !/^(kml|Document|Folder|Placemark)$/.test(root.localName ?? '')) {
      return { ok: false, error: `not a KML document (root element <${root?.nodeName ?? 'none'}>)` };
    }
    features = [];
    flatten(kmlWithFolders(document).children, [], features);
  } catch (error) {
    return { ok: false, error: `not well-formed XML (${(error as Error).message.split('\n')[0]})` };
  }
  return { ok: true, features };
}

/**
 * Reads a KMZ within the zip-bomb limits: every .kml document in the archive, doc.kml first, then the others
 * in archive order. Exporters (GDAL's LIBKML, Google Earth) put layers in files such as `layers/x.kml` that
 * doc.kml links to with a NetworkLink; links are never followed outside the archive (nothing is fetched).
 */
export function readKmz(bytes: Uint8Array): KmlReading {
  const unzipped = unzipLimited(bytes, (name) => name.toLowerCase().endsWith('.kml'));
  if (!unzipped.ok) return unzipped;
  const names = Object.keys(unzipped.files);
  if (names.length === 0) return { ok: false, error: 'the KMZ archive holds no .kml document' };
  const isMain = (name: string) => name.toLowerCase() === 'doc.kml';
  const features: Feature[] = [];
  for (const name of [...names.filter(isMain), ...names.filter((name) => !isMain(name))]) {
    const reading = readKml(unzipped.files[name]);
    if (!reading.ok) return { ok: false, error: `${name}: ${reading.error}` };
    features.push(...reading.features);
  }
  return { ok: true, features };
}

function flatten(children: Array<Folder | F>, path: string[], out: Feature[]): void {
  for (const child of children) {
    if (child.type === 'folder') {
      const name = typeof child.meta.name === 'string' ? child.meta.name.trim() : '';
      flatten(child.children, name === '' ? path : [...path, name], out);
      continue;
    }
    const properties: Record<string, unknown> = { ...(child.properties ?? {}) };
    // links to other documents and image overlays are not placemarks: the linked documents of a KMZ are read
    // from the archive, nothing is fetched
    if (properties['@geometry-type'] === 'networklink' || properties['@geometry-type'] === 'groundoverlay') continue;
    const description = properties.description;
    // togeojson gives an HTML description as { "@type": "html", value }: it is text like any other
    if (typeof description === 'object' && description !== null && 'value' in description) {
      properties.description = String((description as { value: unknown }).value);
    }
    if (path.length > 0) properties.folder = path.join(' / ');
    // a Placemark's id attribute is an XML anchor that tools generate (GDAL: "layer.1"), not a data id
    out.push({ type: 'Feature', properties, geometry: homogeneous(child.geometry) } as Feature);
  }
}

/** A GeometryCollection of one type as that Multi* type (a KML MultiGeometry of polygons is a MultiPolygon). */
function homogeneous(geometry: Geometry | null): Geometry | null {
  if (geometry === null || geometry.type !== 'GeometryCollection') return geometry;
  const parts = geometry.geometries.map(homogeneous);
  const types = new Set(parts.map((part) => part?.type));
  if (types.size !== 1) return geometry;
  const type = [...types][0];
  if (type === 'Polygon' || type === 'MultiPolygon') {
    return { type: 'MultiPolygon', coordinates: parts.flatMap((part) => (part!.type === 'Polygon' ? [part!.coordinates] : (part as { coordinates: number[][][][] }).coordinates)) };
  }
  if (type === 'LineString' || type === 'MultiLineString') {
    return { type: 'MultiLineString', coordinates: parts.flatMap((part) => (part!.type === 'LineString' ? [part!.coordinates] : (part as { coordinates: number[][][] }).coordinates)) };
  }
  if (type === 'Point') return { type: 'MultiPoint', coordinates: parts.map((part) => (part as { coordinates: number[] }).coordinates) };
  return geometry;
}
