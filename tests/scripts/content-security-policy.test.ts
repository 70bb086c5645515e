/** The built app's Content-Security-Policy: the directives docs/security.md lists, and the tile-origin setting. */
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, OSM_TILE_ORIGIN, tileOriginsFromEnvironment } from '../../scripts/content-security-policy.ts';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it('allows scripts, workers, styles and connections from the app itself only; tiles from any HTTPS server by default', () => {
    const policy = directives(contentSecurityPolicy(null));
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['worker-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['connect-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:', 'https:']);
    expect(policy['object-src']).toEqual(["'none'"]);
    // frame-ancestors is ignored (with a console error) in a <meta> policy: the web server sends it
    expect(policy['frame-ancestors']).toBeUndefined();
  });

  it('narrows tiles to the configured origins plus OpenStreetMap', () => {
    const origins = tileOriginsFromEnvironment(' https://tiles.example.vn  http://10.1.2.3:8080 ');
    expect(origins).toEqual(['https://tiles.example.vn', 'http://10.1.2.3:8080']);
    expect(directives(contentSecurityPolicy(origins))['img-src']).toEqual(["'self'", 'data:', 'blob:', OSM_TILE_ORIGIN, 'https://tiles.example.vn', 'http://10.1.2.3:8080']);
    expect(tileOriginsFromEnvironment(undefined)).toBeNull();
    expect(tileOriginsFromEnvironment('  ')).toBeNull();
  });

  it('refuses a value that is not an origin (it would inject directives)', () => {
    expect(() => tileOriginsFromEnvironment("https://x.vn; script-src 'unsafe-inline'")).toThrow(/not an origin/);
    expect(() => tileOriginsFromEnvironment('tiles.example.vn')).toThrow(/not an origin/);
  });
});
