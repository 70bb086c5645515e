/**
 * The compiled CLI: esbuild bundles src/cli (and the src/core and src/io it imports) into `dist-cli/cli.mjs` plus
 * lazily loaded chunks (one per command, so `analyze` never loads the report's PDF code), with the packages they
 * import (`EXTERNAL` aside): Node's loader resolved, read and scanned each package's CommonJS files at every start,
 * ~0.1 s of `analyze` (bench/HISTORY.md step 72). `npm install` / `npm ci` make it (`prepare`); `npm run build:cli`
 * remakes it.
 *
 * Not under dist/: `vite build` empties dist/ on every build, and dist/ is the web root that gets deployed.
 *
 * `dist-cli/build.json` lists the source files the bundle was made from: the bundle is fresh while none of them
 * (nor package-lock.json, which changes with the packages bundled) is newer than it (`cliBuildState`), which is what
 * scripts/phusong.mjs checks before using it.
 *
 *   node scripts/cli-build.mjs            # builds dist-cli/
 *   node scripts/cli-build.mjs --check    # exit 1 when dist-cli/ is missing or older than its sources
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_DIR = join(PROJECT, 'dist-cli');
export const CLI_BUNDLE = join(CLI_DIR, 'cli.mjs');
/** Node's flags for the CLI (scripts/phusong.mjs says why), as its bin and `npm run phusong` give them. */
export const CLI_NODE_FLAGS = ['--max-semi-space-size=4'];
const BUILD_INFO = join(CLI_DIR, 'build.json');
const ENTRY = 'src/cli/main.ts';
/**
 * Packages left as imports of node_modules: those that read their own files at run time (pdfkit's and fontkit's
 * font data, highs' WebAssembly) and the report's and workbook's large ones, loaded only by the commands that use them.
 */
const EXTERNAL = ['pdfkit', 'fontkit', 'svg-to-pdfkit', 'highs', 'exceljs', 'vega', 'vega-lite', 'vega-interpreter'];

/**
 * 'fresh' when dist-cli/cli.mjs exists and no source it was built from (nor package.json, package-lock.json when
 * there is one, nor this script) is newer; 'stale' when one is or has gone; 'missing' without a build.
 */
export function cliBuildState() {
  let info;
  try {
    info = JSON.parse(readFileSync(BUILD_INFO, 'utf8'));
  } catch {
    return 'missing';
  }
  if (!existsSync(CLI_BUNDLE)) return 'missing';
  const builtMs = info.builtMs;
  const lock = existsSync(join(PROJECT, 'package-lock.json')) ? ['package-lock.json'] : [];
  for (const input of [...info.inputs, 'package.json', ...lock, 'scripts/cli-build.mjs']) {
    try {
      if (statSync(join(PROJECT, input)).mtimeMs > builtMs) return 'stale';
    } catch {
      return 'stale';
    }
  }
  return 'fresh';
}

/**
 * Builds dist-cli/ into a temporary folder and swaps it in, so a CLI started meanwhile never reads a half-written
 * bundle. Returns the number of source files bundled.
 */
export async function buildCli() {
  const { build } = await import('esbuild');
  const builtMs = Date.now();
  const temporary = `${CLI_DIR}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  const result = await build({
    absWorkingDir: PROJECT,
    // the worker threads' entry and jobs (src/cli/run-in-thread.ts) sit beside cli.mjs
    entryPoints: { cli: ENTRY, 'thread-worker': 'src/cli/thread-worker.ts', 'thread-jobs': 'src/cli/thread-jobs.ts' },
    outdir: temporary,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // a package's ES module build where it has one (jsonc-parser's UMD build requires its own files at run time)
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    // the bundled packages' licence notices, at the end of each file that holds their code
    legalComments: 'eof',
  });
  // the project's sources; the packages' files keep the dates npm gives them, so package-lock.json stands for them
  const inputs = Object.keys(result.metafile.inputs)
    .map((path) => relative(PROJECT, join(PROJECT, path)))
    .filter((path) => !path.startsWith('node_modules/'))
    .sort();
  writeFileSync(join(temporary, 'build.json'), JSON.stringify({ builtMs, entry: ENTRY, inputs }, null, 2) + '\n');
  const previous = `${CLI_DIR}.old-${process.pid}`;
  if (existsSync(CLI_DIR)) renameSync(CLI_DIR, previous);
  renameSync(temporary, CLI_DIR);
  rmSync(previous, { recursive: true, force: true });
  return inputs.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const state = cliBuildState();
    process.stdout.write(`dist-cli/: ${state}\n`);
    process.exitCode = state === 'fresh' ? 0 : 1;
  } else {
    const started = performance.now();
    const count = await buildCli();
    process.stdout.write(`dist-cli/cli.mjs: ${count} source files bundled in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
