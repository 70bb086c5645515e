/**
 * The project's folder (where package.json, data/ and node_modules are), found by walking up from this module:
 * the CLI runs from src/cli through tsx or from the compiled dist-cli/ (cli.mjs and chunks/ at different depths),
 * so a fixed '../..' would hold for one of them only.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) throw new Error(`no package.json above ${start}`);
  }
}

/** Absolute path of the project folder. */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
