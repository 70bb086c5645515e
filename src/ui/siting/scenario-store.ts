/**
 * Named scenarios kept in the browser's IndexedDB (they survive a reload), stored as the scenario file's own
 * JSON text so that what is saved, exported and imported is one format (`src/io/scenario-file.ts`).
 *
 * Nothing saved is lost to a second tab or a full disk: a save writes revision n + 1 only if the browser still
 * holds revision n, the one the scenario started from (checked and written in one transaction); otherwise it is
 * refused with the newer copy's revision and time. A quota error aborts the transaction, so the last saved state
 * stays as it was. Both come back as a ScenarioSaveError for the UI to explain.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { parseScenario, serializeScenario, type Scenario, type ScenarioResult } from '../../io/scenario-file.ts';
import type { ScenarioSummary } from './scenario-compare.ts';

const STORE = 'scenarios';

interface StoredScenario {
  name: string;
  savedAt: string | null;
  /** The scenario's revision (absent in records saved before revisions were counted: 0). */
  revision?: number;
  text: string;
  /** Its analysis per ward when saved, for comparing scenarios without re-running them. */
  summary: ScenarioSummary | null;
}

/** Why a save was refused: the browser holds a newer copy, the storage is full, or there is no storage. */
export class ScenarioSaveError extends Error {
  constructor(
    readonly kind: 'conflict' | 'quota' | 'unavailable',
    /** For a conflict: the newer copy the browser keeps. */
    readonly stored: { revision: number; savedAt: string | null } | null = null,
  ) {
    super(`scenario not saved: ${kind}`);
    this.name = 'ScenarioSaveError';
  }
}

/** Names under which browsers report a full storage (Firefox's older one included). */
const QUOTA_ERRORS = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && QUOTA_ERRORS.has(error.name);
}

export class ScenarioStore {
  private database: Promise<IDBPDatabase> | null = null;

  constructor(private readonly databaseName = 'phusong') {}

  private open(): Promise<IDBPDatabase> {
    this.database ??= openDB(this.databaseName, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: 'name' });
      },
    }).catch((error: unknown) => {
      this.database = null;
      throw isQuotaError(error) ? new ScenarioSaveError('quota') : new ScenarioSaveError('unavailable');
    });
    return this.database;
  }

  /**
   * Saves the scenario under its name with the summary of its analysis, if the browser holds no other revision
   * than `scenario.revision` (none at all for a new name). Resolves to the scenario as saved (revision + 1).
   */
  async save(scenario: Scenario, summary: ScenarioSummary | null): Promise<Scenario> {
    const saved: Scenario = { ...scenario, revision: scenario.revision + 1 };
    const record: StoredScenario = { name: saved.name, savedAt: saved.savedAt, revision: saved.revision, text: serializeScenario(saved), summary };
    const tx = (await this.open()).transaction(STORE, 'readwrite');
    const checkAndPut = async () => {
      const current = (await tx.store.get(saved.name)) as StoredScenario | undefined;
      if (current !== undefined && (current.revision ?? 0) !== scenario.revision) {
        throw new ScenarioSaveError('conflict', { revision: current.revision ?? 0, savedAt: current.savedAt });
      }
      await tx.store.put(record);
    };
    try {
      // a quota error may fail the put or only the commit (Chrome): both reject, and nothing is written
      await Promise.all([checkAndPut(), tx.done]);
    } catch (error) {
      if (error instanceof ScenarioSaveError) throw error;
      if (isQuotaError(error) || isQuotaError(tx.error)) throw new ScenarioSaveError('quota');
      throw error;
    }
    return saved;
  }

  /** Saved scenarios, newest first. */
  async list(): Promise<Array<{ name: string; savedAt: string | null }>> {
    const records = (await (await this.open()).getAll(STORE)) as StoredScenario[];
    return records
      .map(({ name, savedAt }) => ({ name, savedAt }))
      .sort((a, b) => (b.savedAt ?? '').localeCompare(a.savedAt ?? '') || a.name.localeCompare(b.name));
  }

  /** Reads a saved scenario back through the file parser (so a damaged record is reported, not trusted). */
  async load(name: string): Promise<ScenarioResult | null> {
    const record = (await (await this.open()).get(STORE, name)) as StoredScenario | undefined;
    return record === undefined ? null : parseScenario(record.text);
  }

  /** The analysis summary saved with a scenario, or null. */
  async summary(name: string): Promise<ScenarioSummary | null> {
    const record = (await (await this.open()).get(STORE, name)) as StoredScenario | undefined;
    return record?.summary ?? null;
  }

  async remove(name: string): Promise<void> {
    await (await this.open()).delete(STORE, name);
  }
}

/** The app's scenarios. */
export const scenarioStore = new ScenarioStore();
