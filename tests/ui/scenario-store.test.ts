/**
 * Scenarios kept in IndexedDB (fake-indexeddb in Node): a save that would overwrite a newer copy (saved by a
 * second tab, or an older exported file imported again) is refused and the newer copy kept; a full browser
 * storage (QuotaExceededError, as Chrome reports it: the transaction aborts on commit) is reported and the last
 * saved state kept; a damaged record is reported with its place, not trusted.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../../src/io/scenario-file.ts';
import { ScenarioSaveError, ScenarioStore } from '../../src/ui/siting/scenario-store.ts';

let databases = 0;
const freshStore = () => new ScenarioStore(`phusong-test-${++databases}`);

function scenario(name: string, revision: number, comment: string): Scenario {
  return { ...createScenario(name), revision, savedAt: '2026-03-01T08:30:00.000Z', decisions: [{ siteId: 'P1', decision: 'approved', comment, decidedAt: null }] };
}

async function loaded(store: ScenarioStore, name: string): Promise<Scenario> {
  const result = await store.load(name);
  if (result === null || !result.ok) throw new Error(`cannot load ${name}: ${JSON.stringify(result)}`);
  return result.scenario;
}

const realPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
});

describe('ScenarioStore', () => {
  it('counts saves: a new scenario is revision 1, each save from the latest revision adds one', async () => {
    const store = freshStore();
    const first = await store.save(scenario('Phương án B', 0, 'một'), null);
    expect(first.revision).toBe(1);
    expect((await loaded(store, 'Phương án B')).revision).toBe(1);
    const second = await store.save({ ...first, decisions: [{ ...first.decisions[0], comment: 'hai' }] }, null);
    expect(second.revision).toBe(2);
    expect((await loaded(store, 'Phương án B')).decisions[0].comment).toBe('hai');
  });

  it('refuses a save from an older revision (another tab saved meanwhile) and keeps the newer copy', async () => {
    const store = freshStore();
    const saved = await store.save(scenario('X', 0, 'gốc'), null);
    // two tabs open revision 1; tab B saves first
    const tabA = await loaded(store, 'X');
    const tabB = await loaded(store, 'X');
    await store.save({ ...tabB, decisions: [{ ...tabB.decisions[0], comment: 'tab B' }], savedAt: '2026-03-02T09:15:00.000Z' }, null);
    const refused = await store.save({ ...tabA, decisions: [{ ...tabA.decisions[0], comment: 'tab A' }] }, null).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ScenarioSaveError);
    expect(refused).toMatchObject({ kind: 'conflict', stored: { revision: 2, savedAt: '2026-03-02T09:15:00.000Z' } });
    const kept = await loaded(store, 'X');
    expect([kept.revision, kept.decisions[0].comment]).toEqual([2, 'tab B']);
    expect(saved.revision).toBe(1);
  });

  it('refuses to overwrite a saved scenario with a new one of the same name', async () => {
    const store = freshStore();
    await store.save(scenario('X', 0, 'đã lưu'), null);
    const refused = await store.save(scenario('X', 0, 'mới'), null).catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'conflict', stored: { revision: 1 } });
    expect((await loaded(store, 'X')).decisions[0].comment).toBe('đã lưu');
  });

  it('reports a full storage and keeps the last saved state', async () => {
    const store = freshStore();
    const saved = await store.save(scenario('X', 0, 'đã lưu'), null);
    // Chrome checks the quota when the transaction commits: the put succeeds, the transaction aborts
    IDBObjectStore.prototype.put = function put(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      const request = realPut.apply(this, args);
      (this.transaction as unknown as { _abort(name: string): void })._abort('QuotaExceededError');
      return request;
    };
    const refused = await store.save({ ...saved, decisions: [{ ...saved.decisions[0], comment: 'không lưu được' }] }, null).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ScenarioSaveError);
    expect(refused).toMatchObject({ kind: 'quota' });
    IDBObjectStore.prototype.put = realPut;
    const kept = await loaded(store, 'X');
    expect([kept.revision, kept.decisions[0].comment]).toEqual([1, 'đã lưu']);
  });

  it('reports a damaged record with its place instead of trusting it', async () => {
    const store = freshStore();
    await store.save(scenario('X', 0, 'ok'), null);
    const request = indexedDB.open(`phusong-test-${databases}`);
    const db = await new Promise<IDBDatabase>((resolve) => (request.onsuccess = () => resolve(request.result)));
    await new Promise<void>((resolve) => {
      const tx = db.transaction('scenarios', 'readwrite');
      tx.objectStore('scenarios').put({ name: 'X', savedAt: null, revision: 1, text: '{"format": "phusong-scenario",\n "version": 2\n "name": "X"}', summary: null });
      tx.oncomplete = () => resolve();
    });
    db.close();
    const result = await store.load('X');
    expect(result !== null && !result.ok && result.errors[0].en).toBe('not valid JSON: line 3, column 2: expected a comma');
  });
});
