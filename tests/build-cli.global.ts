/**
 * Vitest global setup: the tests that spawn `phusong` run the compiled CLI (scripts/phusong.mjs uses dist-cli/ when
 * it is fresh), so it is rebuilt first when src/ changed since `npm install` made it (esbuild: about a second).
 */
import { buildCli, cliBuildState } from '../scripts/cli-build.mjs';

export default async function setup(): Promise<void> {
  if (cliBuildState() !== 'fresh') await buildCli();
}
