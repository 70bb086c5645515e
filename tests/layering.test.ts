/**
 * The layering of src/ (README "Architecture"): core ← io ← worker/cli ← ui. Every import statement of every
 * module under src/ (static, re-export, dynamic, type-only) is read with TypeScript's own pre-processor and
 * checked against the rules below, so a new import that crosses a layer fails here, not in review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/** A source file by its path relative to the repository (posix separators) and its text. */
interface SourceFile {
  path: string;
  text: string;
}

type Layer = 'core' | 'io' | 'worker' | 'cli' | 'ui';

const NODE_BUILTINS = new Set(builtinModules);
/** Packages that need a DOM or React: never in the pure core. */
const DOM_PACKAGES = new Set(['react', 'react-dom', 'leaflet', 'idb']);

/** The layer of a module; src/main.tsx, the app's entry, is the ui's. */
function layerOf(path: string): Layer | null {
  const parts = path.split('/');
  if (parts.length === 2) return 'ui';
  const layer = parts[1];
  return layer === 'core' || layer === 'io' || layer === 'worker' || layer === 'cli' || layer === 'ui' ? layer : null;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0]);
}

/** Why `from` may not import `specifier`, or null when it may. */
function violation(from: string, specifier: string): string | null {
  const layer = layerOf(from);
  if (layer === null) return null;
  if (specifier.startsWith('.')) {
    const target = posix.normalize(posix.join(posix.dirname(from), specifier));
    const targetLayer = target.startsWith(`${SRC}/`) ? layerOf(target) : null;
    if (layer === 'core' && targetLayer !== 'core') return 'core imports nothing else of src';
    if (layer === 'io' && targetLayer !== 'io' && targetLayer !== 'core') return 'io imports only core';
    if ((layer === 'worker' || layer === 'cli') && targetLayer === 'ui') return `${layer} never imports ui`;
    return null;
  }
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  if (layer === 'core' && isNodeBuiltin(specifier)) return 'core has no node: imports';
  if (layer === 'core' && DOM_PACKAGES.has(packageName)) return 'core has no DOM or React';
  if ((layer === 'io' || layer === 'ui' || layer === 'worker') && isNodeBuiltin(specifier)) return `${layer} runs in the browser: no node: imports`;
  return null;
}

/** Every import that breaks a rule, as `file: 'specifier' (rule)`. */
function layeringViolations(files: readonly SourceFile[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const { fileName } of ts.preProcessFile(file.text, true, true).importedFiles) {
      const reason = violation(file.path, fileName);
      if (reason !== null) found.push(`${file.path}: '${fileName}' (${reason})`);
    }
  }
  return found;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    if (!/\.(ts|tsx)$/.test(entry.name)) return [];
    return [{ path: relative('.', path).split(sep).join('/'), text: readFileSync(path, 'utf8') }];
  });
}

describe('layering of src/', () => {
  it('finds each kind of crossing in made-up modules (the check can fail)', () => {
    const files: SourceFile[] = [
      { path: 'src/core/a.ts', text: "import { x } from '../io/read-csv.ts';\nimport { readFileSync } from 'node:fs';" },
      { path: 'src/core/siting/b.ts', text: "export { y } from '../../ui/i18n.ts';\nimport React from 'react';\nimport { z } from '../model.ts';" },
      { path: 'src/io/c.ts', text: "import type { W } from '../worker/protocol.ts';\nimport { join } from 'path';\nimport { m } from '../core/model.ts';" },
      { path: 'src/worker/d.ts', text: "const ui = await import('../ui/App.tsx');\nimport { p } from '../io/parse-sites.ts';" },
      { path: 'src/cli/e.ts', text: "import { t } from '../ui/i18n.ts';\nimport { writeFileSync } from 'node:fs';\n// import { q } from '../ui/quiet.ts';" },
    ];
    expect(layeringViolations(files)).toEqual([
      "src/core/a.ts: '../io/read-csv.ts' (core imports nothing else of src)",
      "src/core/a.ts: 'node:fs' (core has no node: imports)",
      "src/core/siting/b.ts: '../../ui/i18n.ts' (core imports nothing else of src)",
      "src/core/siting/b.ts: 'react' (core has no DOM or React)",
      "src/io/c.ts: '../worker/protocol.ts' (io imports only core)",
      "src/io/c.ts: 'path' (io runs in the browser: no node: imports)",
      "src/worker/d.ts: '../ui/App.tsx' (worker never imports ui)",
      "src/cli/e.ts: '../ui/i18n.ts' (cli never imports ui)",
    ]);
  });

  it('holds for every module under src/', () => {
    const files = sourceFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => layerOf(file.path) === null).map((file) => file.path)).toEqual([]);
    expect(layeringViolations(files)).toEqual([]);
  });
});
