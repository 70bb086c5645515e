/**
 * Named scenarios kept in the browser's IndexedDB (they survive a reload), stored as the scenario file's own
 * JSON text so that what is saved, exported and imported is one format (`src/io/scenario-file.ts`).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { parseScenario, serializeScenario, type Scenario, type ScenarioResult } from '../../io/scenario-file.ts';
import type { ScenarioSummary } from './scenario-compare.ts';

const DB_NAME = 'phusong';
const STORE = 'scenarios';

interface StoredScenario {
  name: string;
  savedAt: string | null;
  text: string;
  /** Its analysis per ward when saved, for comparing scenarios without re-running them. */
  summary: ScenarioSummary | null;
}

let database: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  database ??= openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE, { keyPath: 'name' });
    },
  });
  return database;
}

/** Saves (or replaces) a scenario under its name, with the summary of its analysis. */
export async function saveScenario(scenario: Scenario, summary: ScenarioSummary | null): Promise<void> {
  const record: StoredScenario = { name: scenario.name, savedAt: scenario.savedAt, text: serializeScenario(scenario), summary };
  await (await open()).put(STORE, record);
}

/** Saved scenarios, newest first. */
export async function listScenarios(): Promise<Array<{ name: string; savedAt: string | null }>> {
  const records = (await (await open()).getAll(STORE)) as StoredScenario[];
  return records
    .map(({ name, savedAt }) => ({ name, savedAt }))
    .sort((a, b) => (b.savedAt ?? '').localeCompare(a.savedAt ?? '') || a.name.localeCompare(b.name));
}

/** Reads a saved scenario back through the file parser (so a damaged record is reported, not trusted). */
export async function loadScenario(name: string): Promise<ScenarioResult | null> {
  const record = (await (await open()).get(STORE, name)) as StoredScenario | undefined;
  return record === undefined ? null : parseScenario(record.text);
}

/** The analysis summary saved with a scenario, or null. */
export async function loadSummary(name: string): Promise<ScenarioSummary | null> {
  const record = (await (await open()).get(STORE, name)) as StoredScenario | undefined;
  return record?.summary ?? null;
}

export async function deleteScenario(name: string): Promise<void> {
  await (await open()).delete(STORE, name);
}
