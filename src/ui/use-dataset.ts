/**
 * The app's data: the embedded dataset loaded at start, files imported over it, the import reports, the
 * progress of the running task and the notices to show. Every parse runs in the engine worker; this hook
 * only sends bytes and commits what comes back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import type { Zone } from '../core/targets/zone-membership.ts';
import { CancelledError, EngineClient, type ProgressListener, type RequestOptions } from '../worker/engine-client.ts';
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
import { packHouseholds, unpackHouseholds } from '../worker/packed-strings.ts';
import type { EmbeddedFile } from './embedded-dataset.ts';
import { createEngineWorker, MissingFileError, sendEmbeddedFiles, takeEmbeddedLoad, type EmbeddedProgress } from './embedded-load.ts';
import type { DictionaryKey } from './i18n.ts';
import { errorMessage } from '../core/error-message.ts';

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
      return { ...data, households: unpackHouseholds(response.households), assignment: response.assignment, synthetic };
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

  /** Commits a layer the worker loaded and lists its report; false when the load failed (nothing changed). */
  const commitResponse = useCallback((response: LoadResponse, embedded: EmbeddedLabels | null): boolean => {
    if (response.layer === 'wards' && response.report.status !== 'failed') loadedWardsRef.current = null;
    dataRef.current = commitLayer(dataRef.current, response, embedded);
    setData(dataRef.current);
    setReports((current) => [{ id: nextId++, report: response.report, embedded: embedded !== null }, ...current]);
    return response.report.status !== 'failed';
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
        return commitResponse(await send(client, (stage, fraction) => setTask({ label, file, stage, fraction })), embedded);
      } catch (error) {
        if (error instanceof CancelledError) notify('cancelled', { file }, 'info');
        else notify('errorImport', { file, reason: errorMessage(error) });
        return false;
      } finally {
        if (!client.busy) setTask(null);
      }
    },
    [commitResponse, notify],
  );

  // the worker lives as long as the app; the embedded dataset, downloaded and sent to the worker by
  // startEmbeddedLoad (or here, when nothing was started), is committed in order as the worker's replies come
  useEffect(() => {
    const snapshot = (): DatasetSnapshot => {
      const { wards, land, cells, households, fibre, zones } = dataRef.current;
      return { wards: loadedWardsRef.current ?? wards, land, cells, households: households === null ? null : packHouseholds(households), fibre, zones };
    };
    const onRestart = () => setWorkerRestarts((count) => count + 1);
    const onProgress: EmbeddedProgress = (file, stage, fraction) => setTask({ label: 'progressLoadingEmbedded', file, stage, fraction });
    const started = takeEmbeddedLoad();
    const client = started?.client ?? new EngineClient({ createWorker: createEngineWorker, snapshot, onRestart });
    if (started !== null) Object.assign(started.hooks, { snapshot, onRestart, onProgress });
    clientRef.current = client;
    let disposed = false;
    const loads = started?.loads ?? sendEmbeddedFiles(client, onProgress);

    (async () => {
      for (const pending of loads) {
        const load = await pending;
        if (disposed) return;
        const { entry } = load;
        if ('error' in load) {
          const { error } = load;
          if (error instanceof MissingFileError) notify('errorMissingEmbedded', { file: error.file }, 'info');
          else if (error instanceof CancelledError) notify('cancelled', { file: entry.candidates[0] }, 'info');
          else notify('errorFetch', { file: entry.candidates[0], reason: errorMessage(error) });
          continue;
        }
        if (load.fallback !== null) notify('noticeEmbeddedBinaryFallback', { file: entry.binary ?? '', ...load.fallback }, 'info');
        commitResponse(load.response, entry);
        if (entry.layer === 'wards') {
          const wardsVisibleMs = performance.now();
          performance.mark('phusong:wards-visible');
          setLoadTimes((current) => ({ ...current, wardsVisibleMs }));
        }
      }
      if (!client.busy) setTask(null);
      const allLayersMs = performance.now();
      performance.mark('phusong:all-layers-loaded');
      setLoadTimes((current) => ({ ...current, allLayersMs }));
    })();

    return () => {
      disposed = true;
      client.dispose();
      clientRef.current = null;
    };
  }, [commitResponse, notify]);

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
    <N extends RequestName>(name: N, payload: RequestOf<N>, options?: RequestOptions) => {
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
