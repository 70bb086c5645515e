/**
 * The app's data: the embedded dataset loaded at start, files imported over it, the import reports, the
 * progress of the running task and the notices to show. Every parse runs in the engine worker; this hook
 * only sends bytes and commits what comes back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import { CancelledError, EngineClient, type ProgressListener } from '../worker/engine-client.ts';
import type {
  DatasetSnapshot,
  HouseholdAssignment,
  ImportableLayer,
  ImportReport,
  LayerKind,
  LoadResponse,
  ProgressStage,
  RequestName,
  RequestOf,
} from '../worker/protocol.ts';
import { EMBEDDED_FILES, locateEmbeddedFile } from './embedded-dataset.ts';
import type { DictionaryKey } from './i18n.ts';

export interface AppData {
  wards: Ward[];
  land: Array<Polygon | MultiPolygon> | null;
  cells: Cell[];
  households: HouseholdPoints | null;
  assignment: HouseholdAssignment | null;
  fibre: FibreNetwork | null;
  /** Layers currently holding the embedded synthetic data (an import replaces it with real data). */
  synthetic: ReadonlySet<ImportableLayer>;
}

export interface ReportEntry {
  id: number;
  report: ImportReport;
  /** Loaded from the embedded dataset rather than imported by the user. */
  embedded: boolean;
}

/** A message for the user, in dictionary terms so it follows the language switch. */
export interface Notice {
  id: number;
  key: DictionaryKey;
  params: Record<string, string>;
  level: 'error' | 'info';
}

export interface Task {
  label: DictionaryKey;
  file: string;
  stage: ProgressStage | null;
  fraction: number;
}

/** Milliseconds from navigation start, measured in the page (the browser test reads them too). */
export interface LoadTimes {
  wardsVisibleMs: number | null;
  allLayersMs: number | null;
}

const EMPTY_DATA: AppData = {
  wards: [],
  land: null,
  cells: [],
  households: null,
  assignment: null,
  fibre: null,
  synthetic: new Set(),
};

let nextId = 1;

function createWorker(): Worker {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'phusong-engine' });
}

/** The data with one loaded layer committed (a failed import changes nothing). */
function commitLayer(data: AppData, response: LoadResponse, embeddedSynthetic: boolean): AppData {
  if (response.report.status === 'failed') return data;
  const synthetic = new Set(data.synthetic);
  if (response.layer !== 'land' && response.layer !== 'wards') {
    if (embeddedSynthetic) synthetic.add(response.layer);
    else synthetic.delete(response.layer);
  }
  switch (response.layer) {
    case 'wards':
      return { ...data, wards: response.wards, assignment: response.assignment, synthetic };
    case 'land':
      return { ...data, land: response.land, synthetic };
    case 'sites':
      return { ...data, cells: response.cells, synthetic };
    case 'households':
      return { ...data, households: response.households, assignment: response.assignment, synthetic };
    case 'fibre':
      return { ...data, fibre: response.fibre, synthetic };
  }
}

export function useDataset() {
  const [data, setData] = useState<AppData>(EMPTY_DATA);
  const [reports, setReports] = useState<ReportEntry[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [task, setTask] = useState<Task | null>(null);
  const [loadTimes, setLoadTimes] = useState<LoadTimes>({ wardsVisibleMs: null, allLayersMs: null });
  /** Times the worker was replaced (cancel or crash): the new one holds no analysis. */
  const [workerRestarts, setWorkerRestarts] = useState(0);
  const dataRef = useRef<AppData>(EMPTY_DATA);
  /** The ward layer as loaded, while the wards shown are another layout's units (see `showUnits`). */
  const loadedWardsRef = useRef<Ward[] | null>(null);
  const clientRef = useRef<EngineClient | null>(null);

  const notify = useCallback((key: DictionaryKey, params: Record<string, string>, level: Notice['level'] = 'error') => {
    setNotices((current) => [...current, { id: nextId++, key, params, level }]);
  }, []);

  const dismissNotice = useCallback((id: number) => {
    setNotices((current) => current.filter((notice) => notice.id !== id));
  }, []);

  /** Sends one file to the worker and commits the result; false when it failed or was cancelled. */
  const load = useCallback(
    async (layer: LayerKind, file: string, bytes: ArrayBuffer, embedded: boolean, synthetic: boolean): Promise<boolean> => {
      const client = clientRef.current;
      if (client === null) return false;
      const label: DictionaryKey = embedded ? 'progressLoadingEmbedded' : 'progressImporting';
      setTask({ label, file, stage: null, fraction: 0 });
      try {
        const response = await client.request(
          'load',
          { layer, file, bytes },
          { transfer: [bytes], onProgress: (stage, fraction) => setTask({ label, file, stage, fraction }) },
        );
        if (response.layer === 'wards' && response.report.status !== 'failed') loadedWardsRef.current = null;
        dataRef.current = commitLayer(dataRef.current, response, embedded && synthetic);
        setData(dataRef.current);
        setReports((current) => [{ id: nextId++, report: response.report, embedded }, ...current]);
        return response.report.status !== 'failed';
      } catch (error) {
        if (error instanceof CancelledError) notify('cancelled', { file }, 'info');
        else notify('errorImport', { file, reason: error instanceof Error ? error.message : String(error) });
        return false;
      } finally {
        if (!client.busy) setTask(null);
      }
    },
    [notify],
  );

  // the worker lives as long as the app; the embedded dataset is fetched in parallel and loaded in order
  useEffect(() => {
    const snapshot = (): DatasetSnapshot => {
      const { wards, land, cells, households, fibre } = dataRef.current;
      return { wards: loadedWardsRef.current ?? wards, land, cells, households, fibre };
    };
    const client = new EngineClient({ createWorker, snapshot, onRestart: () => setWorkerRestarts((count) => count + 1) });
    clientRef.current = client;
    let disposed = false;

    const fetched = EMBEDDED_FILES.map(async (entry) => {
      const located = locateEmbeddedFile(entry);
      if (located === null) throw new MissingFileError(entry.candidates[0]);
      const response = await fetch(located.url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return { file: located.file, bytes: await response.arrayBuffer() };
    });
    fetched.forEach((promise) => promise.catch(() => undefined));

    (async () => {
      for (let i = 0; i < EMBEDDED_FILES.length; i++) {
        const entry = EMBEDDED_FILES[i];
        let loaded: { file: string; bytes: ArrayBuffer };
        try {
          loaded = await fetched[i];
        } catch (error) {
          if (disposed) return;
          if (error instanceof MissingFileError) notify('errorMissingEmbedded', { file: error.file }, 'info');
          else notify('errorFetch', { file: entry.candidates[0], reason: (error as Error).message });
          continue;
        }
        if (disposed) return;
        await load(entry.layer, loaded.file, loaded.bytes, true, entry.synthetic);
        if (entry.layer === 'wards') {
          const wardsVisibleMs = performance.now();
          performance.mark('phusong:wards-visible');
          setLoadTimes((current) => ({ ...current, wardsVisibleMs }));
        }
      }
      if (disposed) return;
      const allLayersMs = performance.now();
      performance.mark('phusong:all-layers-loaded');
      setLoadTimes((current) => ({ ...current, allLayersMs }));
    })();

    return () => {
      disposed = true;
      client.dispose();
      clientRef.current = null;
    };
  }, [load, notify]);

  const importFile = useCallback(
    (layer: ImportableLayer, file: string, bytes: ArrayBuffer) => load(layer, file, bytes, false, false),
    [load],
  );

  const cancel = useCallback(() => {
    clientRef.current?.cancel();
    setTask(null);
  }, []);

  /** Sends any engine request (the analysis panels use it); rejects when no worker is running. */
  const request = useCallback(
    <N extends RequestName>(name: N, payload: RequestOf<N>, options?: { transfer?: Transferable[]; onProgress?: ProgressListener }) => {
      const client = clientRef.current;
      return client === null ? Promise.reject(new Error('the engine worker is not running')) : client.request(name, payload, options);
    },
    [],
  );

  /** Commits an edited sites layer (same cells, same order: the worker's analysis indexes them). */
  const replaceCells = useCallback((cells: Cell[]) => {
    dataRef.current = { ...dataRef.current, cells };
    setData(dataRef.current);
  }, []);

  /**
   * Shows the dataset by other units (the layout switch): the units and where the households fall. `loaded` is the
   * ward layer as loaded, which a restarted worker is given (null when `wards` are that layer).
   */
  const showUnits = useCallback((wards: Ward[], assignment: HouseholdAssignment | null, loaded: Ward[] | null) => {
    loadedWardsRef.current = loaded;
    dataRef.current = { ...dataRef.current, wards, assignment };
    setData(dataRef.current);
  }, []);

  /** Adds the reports of files read besides the layers (the 2019 layout, the crosswalk, zones) to the import list. */
  const addReports = useCallback((added: ImportReport[], embedded: boolean) => {
    setReports((current) => [...added.map((report) => ({ id: nextId++, report, embedded })), ...current]);
  }, []);

  return {
    data,
    reports,
    notices,
    task,
    loadTimes,
    workerRestarts,
    importFile,
    cancel,
    dismissNotice,
    notify,
    request,
    replaceCells,
    showUnits,
    addReports,
  };
}

class MissingFileError extends Error {
  constructor(readonly file: string) {
    super(`${file} is not in data/`);
  }
}
