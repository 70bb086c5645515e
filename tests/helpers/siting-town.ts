/**
 * A seeded town for the tests of the coverage sets on two threads: 3,000 household points over 10 km × 10 km, two
 * weak existing 3-sector sites, and enough 3-sector candidates (a 150 m grid with seeded azimuths) for a partner
 * thread to be asked (`PARTNER_MIN_CANDIDATES`).
 */
import { indexWards } from '../../src/core/assign-wards.ts';
import { CoverageEngine } from '../../src/core/coverage/coverage-engine.ts';
import { DEFAULT_SETTINGS, type Cell } from '../../src/core/model.ts';
import { PlaceEnvironment } from '../../src/core/resolve-environment.ts';
import { collectWeakHouseholds, PARTNER_MIN_CANDIDATES, type CoverageSetsInput, type SitingCandidate } from '../../src/core/siting/coverage-sets.ts';
import { cellsOfSite, defaultSiteTemplate } from '../../src/core/siting/site-templates.ts';
import { mulberry32 } from '../../scripts/generate/random.ts';
import { at, householdsAt } from './local-metres.ts';

/** The coverage sets' input for the town (without partner). */
export function sitingTown(): CoverageSetsInput {
  const random = mulberry32(2026);
  const households = householdsAt(Array.from({ length: 3000 }, () => [random() * 10_000 - 5000, random() * 10_000 - 5000, 1 + Math.floor(random() * 5)]));
  const template = { ...defaultSiteTemplate('4G'), tiltDeg: 4 };
  const existing: Cell[] = [[-3000, 0], [3000, 0]].flatMap(([e, n], i) =>
    cellsOfSite(`S${i}`, ...at(e, n), template, 'existing').map((cell) => ({ ...cell, rsPowerDbm: 0 })),
  );
  const place = new PlaceEnvironment(households, indexWards([]));
  const coverage = new CoverageEngine({ place, cells: existing, households, settings: DEFAULT_SETTINGS }).run();
  const side = Math.ceil(Math.sqrt(PARTNER_MIN_CANDIDATES + 100));
  const candidates: SitingCandidate[] = Array.from({ length: side * side }, (_, i) => {
    const [lon, lat] = at((i % side) * 150 - (side * 150) / 2, Math.floor(i / side) * 150 - (side * 150) / 2);
    const turn = random() * 120;
    return { siteId: `G${i}`, lon, lat, cells: cellsOfSite(`G${i}`, lon, lat, { ...template, azimuthsDeg: [turn, turn + 120, turn + 240] }) };
  });
  return { candidates, households, weak: collectWeakHouseholds(households, coverage), place, settings: DEFAULT_SETTINGS };
}
