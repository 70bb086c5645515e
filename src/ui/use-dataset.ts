/**
 * The app's data: the embedded dataset loaded at start, files imported over it, the import reports, the
 * progress of the running task and the notices to show. Every parse runs in the engine worker; this hook
 * only sends bytes and commits what comes back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import { CancelledError, EngineClient, type ProgressListener } from '../worker/engine-client.ts';
import type {
  DatasetSnapshot,
  HouseholdAssignment,
  ImportableLayer,
  ImportChoices,
  ImportFile,
  ImportReport,
  LoadResponse,
  ProgressStage,
  RequestName,
  RequestOf,
} from '../worker/protocol.ts';
import { EMBEDDED_FILES, locateEmbeddedBinary, locateEmbeddedFile, type EmbeddedFile } from './embedded-dataset.ts';
import type { DictionaryKey } from './i18n.ts';

export interface AppData {
  wards: Ward[];
  land: Array<Polygon | MultiPolygon> | null;
  cells: Cell[];
  households: HouseholdPoints | null;
  assignment: HouseholdAssignment | null;
  fibre: FibreNetwork | null;
  /**
   * The zones layer (industrial parks, ports, central urban areas): drawn over the map and read by the zone-scoped
   * targets; the embedded approximate zones until the user imports others; null before any.
   */
  zones: Zone[] | null;
  /** Layers currently holding the embedded synthetic data (an import replaces it with real data). */
  synthetic: ReadonlySet<ImportableLayer>;
  /** Layers currently holding embedded approximate data (the zones; an import replaces them). */
  approximate: ReadonlySet<ImportableLayer>;
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
  zones: null,
  synthetic: new Set(),
  approximate: new Set(),
};

let nextId = 1;

function createWorker(): Worker {
  return new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'phusong-engine' });
}

interface FetchedFile {
  file: string;
  bytes: ArrayBuffer;
  /** The layer's compact binary form rather than its text file. */
  binary: boolean;
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** An embedded layer's text file; rejects with MissingFileError when data/ has none of its names. */
async function fetchEmbeddedText(entry: EmbeddedFile): Promise<FetchedFile> {
  const located = locateEmbeddedFile(entry);
  if (located === null) throw new MissingFileError(entry.candidates[0]);
  return { file: located.file, bytes: await fetchBytes(located.url), binary: false };
}

/**
 * Downloads every embedded file at once (EMBEDDED_FILES order): a layer's compact binary form when data/ has one
 * (its text file when it cannot be downloaded), else its text file.
 */
function fetchEmbeddedFiles(): Array<Promise<FetchedFile>> {
  const fetched = EMBEDDED_FILES.map(async (entry) => {
    const binary = locateEmbeddedBinary(entry);
    if (binary !== null) {
      const bytes = await fetchBytes(binary.url).catch(() => null);
      if (bytes !== null) return { file: binary.file, bytes, binary: true };
    }
    return fetchEmbeddedText(entry);
  });
  fetched.forEach((promise) => promise.catch(() => undefined));
  return fetched;
}

/** The engine worker and the embedded downloads started by `startEmbeddedLoad`, until a `useDataset` takes them. */
let early: { worker: Worker; files: Array<Promise<FetchedFile>> } | null = null;

/**
 * Starts the engine worker (its script loads and compiles) and the embedded dataset's downloads before React's
 * first render (main.tsx), so that they overlap the render instead of following it; the first `useDataset` takes
 * them (a later one, e.g. StrictMode's second mount in development, starts its own).
 */
export function startEmbeddedLoad(): void {
  early ??= { worker: createWorker(), files: fetchEmbeddedFiles() };
}

/** How an embedded file's layer is labelled in the app (a user's file: neither). */
type EmbeddedLabels = Pick<EmbeddedFile, 'synthetic' | 'approximate'>;

/** The data with one loaded layer committed (a failed import changes nothing). */
function commitLayer(data: AppData, response: LoadResponse, embedded: EmbeddedLabels | null): AppData {
  if (response.report.status === 'failed') return data;
  const synthetic = new Set(data.synthetic);
  if (response.layer !== 'land' && response.layer !== 'wards' && response.layer !== 'zones') {
    if (embedded?.synthetic === true) synthetic.add(response.layer);
    else synthetic.delete(response.layer);
  }
  if (embedded?.approximate === true) data = { ...data, approximate: new Set(data.approximate).add(response.layer) };
  else if (data.approximate.has(response.layer)) data = { ...data, approximate: new Set([...data.approximate].filter((layer) => layer !== response.layer)) };
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
    case 'zones':
      return { ...data, zones: response.zones, synthetic };
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

  /**
   * Runs one load in the worker (`send`, with a progress listener) and commits the layer it replies with; false
   * when it failed or was cancelled.
   */
  const commitLoad = useCallback(
    async (file: string, embedded: EmbeddedLabels | null, send: (client: EngineClient, onProgress: ProgressListener) => Promise<LoadResponse>): Promise<boolean> => {
      const client = clientRef.current;
      if (client === null) return false;
      const label: DictionaryKey = embedded !== null ? 'progressLoadingEmbedded' : 'progressImporting';
      setTask({ label, file, stage: null, fraction: 0 });
      try {
        const response = await send(client, (stage, fraction) => setTask({ label, file, stage, fraction }));
        if (response.layer === 'wards' && response.report.status !== 'failed') loadedWardsRef.current = null;
        dataRef.current = commitLayer(dataRef.current, response, embedded);
        setData(dataRef.current);
        setReports((current) => [{ id: nextId++, report: response.report, embedded: embedded !== null }, ...current]);
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

  /**
   * Sends one embedded file to the worker and commits the result. A binary form the worker cannot use (damaged, of
   * another version) is replaced by the layer's text file, with a notice saying so.
   */
  const load = useCallback(
    (entry: EmbeddedFile, { file, bytes, binary }: FetchedFile): Promise<boolean> =>
      commitLoad(file, entry, async (client, onProgress) => {
        const send = (name: string, sent: ArrayBuffer) => client.request('load', { layer: entry.layer, file: name, bytes: sent }, { transfer: [sent], onProgress });
        if (!binary) return send(file, bytes);
        try {
          return await send(file, bytes);
        } catch (error) {
          if (error instanceof CancelledError) throw error;
          const text = await fetchEmbeddedText(entry);
          notify('noticeEmbeddedBinaryFallback', { file, text: text.file, reason: error instanceof Error ? error.message : String(error) }, 'info');
          return send(text.file, text.bytes);
        }
      }),
    [commitLoad, notify],
  );

  // the worker lives as long as the app; the embedded dataset is fetched in parallel and loaded in order
  useEffect(() => {
    const snapshot = (): DatasetSnapshot => {
      const { wards, land, cells, households, fibre, zones } = dataRef.current;
      return { wards: loadedWardsRef.current ?? wards, land, cells, households, fibre, zones };
    };
    const started = early;
    early = null;
    let prestarted = started?.worker ?? null;
    const takeWorker = (): Worker => {
      const worker = prestarted ?? createWorker();
      prestarted = null;
      return worker;
    };
    const client = new EngineClient({ createWorker: takeWorker, snapshot, onRestart: () => setWorkerRestarts((count) => count + 1) });
    clientRef.current = client;
    let disposed = false;
    const fetched = started?.files ?? fetchEmbeddedFiles();

    (async () => {
      // each file goes to the worker as soon as it is downloaded and the ones before it were sent, without waiting
      // for the page to commit and draw the previous layer: the worker reads them in this order (wards first) while
      // the page draws what it has
      const loads: Array<Promise<boolean>> = [];
      for (let i = 0; i < EMBEDDED_FILES.length; i++) {
        const entry = EMBEDDED_FILES[i];
        let loaded: FetchedFile;
        try {
          loaded = await fetched[i];
        } catch (error) {
          if (disposed) return;
          if (error instanceof MissingFileError) notify('errorMissingEmbedded', { file: error.file }, 'info');
          else notify('errorFetch', { file: entry.candidates[0], reason: (error as Error).message });
          continue;
        }
        if (disposed) return;
        const loading = load(entry, loaded);
        loads.push(loading);
        if (entry.layer === 'wards') {
          void loading.then(() => {
            if (disposed) return;
            const wardsVisibleMs = performance.now();
            performance.mark('phusong:wards-visible');
            setLoadTimes((current) => ({ ...current, wardsVisibleMs }));
          });
        }
      }
      await Promise.all(loads);
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

  /**
   * Reads a user's file(s) in any supported format through readLayerFile in the worker (bytes transferred) with
   * the user's choices (sheet, CRS, column map), and commits the layer; kept apart from the embedded loading.
   */
  const importFiles = useCallback(
    (layer: ImportableLayer, files: ImportFile[], choices: ImportChoices) =>
      commitLoad(files[0]?.name ?? '', null, (client, onProgress) =>
        client.request('importLayer', { layer, files, choices }, { transfer: files.map((file) => file.bytes), onProgress }),
      ),
    [commitLoad],
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

  /** Adds the reports of files read besides the layers (the 2019 layout, the crosswalk) to the import list. */
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
    importFiles,
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
