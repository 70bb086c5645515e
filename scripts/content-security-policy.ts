/**
 * The Content-Security-Policy of the built app (docs/security.md explains each directive), written into
 * dist/index.html as a <meta> tag by vite.config.ts; a web server should send the same as a header, plus
 * `frame-ancestors 'none'`, which a <meta> policy cannot carry.
 *
 * Tiles: Leaflet draws the basemap with <img> elements, so tile servers fall under img-src, never connect-src
 * (the app fetches only from its own origin). The tile URL is a user setting, unknown at build time, so by
 * default img-src allows any HTTPS origin; a department with a fixed tile server narrows it at build time with
 * PHUSONG_TILE_ORIGINS="https://tiles.example.vn" (space-separated origins, http:// ones included for an
 * intranet server). Images cannot run script; what they could leak needs script, which script-src rules out.
 */

/**
 * Headers that make the page cross-origin isolated, which shared memory needs: the engine worker then sums an
 * analysis' interference with a second worker (src/worker/sums-partner-worker.ts). `credentialless` rather than
 * `require-corp`: tile servers' images still load (without cookies) though they send no
 * Cross-Origin-Resource-Policy. A browser that does not know `credentialless` ignores it: the page is not
 * isolated and the engine sums on one worker, with the same results.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/** OpenStreetMap's tile server, the default basemap. */
export const OSM_TILE_ORIGIN = 'https://tile.openstreetmap.org';

/**
 * The policy as one header value. `tileOrigins` null: any HTTPS tile server (the default build).
 *
 * @example contentSecurityPolicy(null) // "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; …"
 */
export function contentSecurityPolicy(tileOrigins: readonly string[] | null): string {
  const tiles = tileOrigins === null ? ['https:'] : [OSM_TILE_ORIGIN, ...tileOrigins];
  const directives: Array<[string, ...string[]]> = [
    ['default-src', "'self'"],
    // no inline script, no eval; WebAssembly (HiGHS, the exact siting solver; the interference sums' loop)
    // compiles under 'wasm-unsafe-eval'
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['worker-src', "'self'"],
    // style sheets from the bundle only; React and Leaflet set element styles through the CSSOM, which CSP allows
    ['style-src', "'self'"],
    ['img-src', "'self'", 'data:', 'blob:', ...tiles],
    ['connect-src', "'self'"],
    ['font-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/** PHUSONG_TILE_ORIGINS as a list of origins, or null when unset or blank. */
export function tileOriginsFromEnvironment(value: string | undefined): string[] | null {
  const origins = (value ?? '').split(/\s+/).filter((origin) => origin !== '');
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s;,']+$/.test(origin)) throw new Error(`PHUSONG_TILE_ORIGINS: "${origin}" is not an origin such as https://tiles.example.vn`);
  }
  return origins.length === 0 ? null : origins;
}
