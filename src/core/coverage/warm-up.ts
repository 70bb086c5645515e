/**
 * A thread's preparation ahead of its first analysis, in idle time (the app's engine worker, then its sums partner):
 * what that analysis would build at its start, each kept for the thread — the cells' link-budget tables
 * (cell-links.ts, link-tables.ts), the households' tiles' layout (household-tiles.ts) and, where the analysis sums
 * interference, those tables copied into the sums' WebAssembly memory (household-batch.ts): in a Chromium trace of a
 * page's first 4G analysis after idle time, those copies were still 148 ms of the engine worker's work and 266 ms of
 * its partner's (bench/HISTORY.md step 70).
 */
import type { AnalysisSettings, Cell, HouseholdLocations } from '../model.ts';
import type { PlaceEnvironment } from '../resolve-environment.ts';
import { scaled, type Steps } from '../steps.ts';
import { prepareLinkTablesSteps } from './cell-links.ts';
import { HouseholdBatch } from './household-batch.ts';
import { prepareTileLayout } from './household-tiles.ts';
import { isOfdmTechnology } from './link-quality.ts';

/** Steps preparing, for an analysis of `cells` over `households` with `settings`, what its engine's start would build. */
export function* warmUpSteps(cells: readonly Cell[], households: HouseholdLocations, settings: AnalysisSettings, place: Pick<PlaceEnvironment, 'at'>): Steps<void> {
  const links = yield* scaled(prepareLinkTablesSteps(cells, settings, place), 0, 0.8);
  prepareTileLayout(households);
  yield 0.9;
  if (isOfdmTechnology(settings.technology)) yield* scaled(HouseholdBatch.placeAheadSteps(households.length, links), 0.9, 1);
}
