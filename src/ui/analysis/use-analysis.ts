/**
 * The coverage analysis as the app sees it (issue 3): runs it in the engine worker with progress, keeps the
 * result it draws, applies cell edits incrementally (`updateCell`: the worker revisits only households within the
 * cell's old or new reach and replies with those whose result changed) and answers best-server queries. Times are measured in the page, request to reply, and written on
 * the panel so the browser test reads them.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { applyCoverageDelta, type CoverageResult, type WardStats } from '../../core/coverage/coverage-result.ts';
import { applyWardStatisticsDelta, type CoverageTotals, type WardStatisticsResult } from '../../core/coverage/ward-statistics.ts';
import type { WeakZones } from '../../core/coverage/weak-zones.ts';
import {
  DEFAULT_SETTINGS,
  type AnalysisSettings,
  type Cell,
  type SignalThresholdsDbm,
  type Technology,
} from '../../core/model.ts';
import { CancelledError, type RequestOptions } from '../../worker/engine-client.ts';
import type { BestServerResponse, CellChangeResponse, ProgressStage, RequestName, RequestOf, ResponseOf } from '../../worker/protocol.ts';
import type { AppData } from '../use-dataset.ts';
import type { Edit } from '../history/edit-history.ts';
import { errorMessage } from '../../core/error-message.ts';

export type EngineRequest = <N extends RequestName>(
  name: N,
  payload: RequestOf<N>,
  options?: RequestOptions,
) => Promise<ResponseOf<N>>;

export interface Analysis {
  settings: AnalysisSettings;
  coverage: CoverageResult;
  statistics: WardStatisticsResult;
  /** City totals and ward rows right after the analysis, before any cell edit (for the live difference). */
  baseline: CoverageTotals;
  baselineWards: WardStats[];
  /** Increases with every run: things tied to one analysis in the worker (added sites) end with it. */
  generation: number;
  zones: WeakZones | null;
  /**
   * The zones are outlined after the result is shown ('outlining', then 'ready'); 'stopped' when that was cancelled
   * (the result stays, without zones until the next run).
   */
  zonesStatus: 'outlining' | 'ready' | 'stopped';
  fibrePassed: Uint8Array | null;
  /** Page-side time of the whole request, the worker's own time in it, and its stages' times. */
  elapsedMs: number;
  workerMs: number;
  timingsMs: { analyse: number; statistics: number; zones: number };
  /** How much of it the worker had computed while idle, before the click (`expect`). */
  computedAhead: 'none' | 'part' | 'whole';
  /** The last cell edit: page-side time and household points whose result changed. */
  lastUpdate: { ms: number; changedPoints: number } | null;
  /** The layers the analysis was computed on: a different one makes the result stale. */
  inputs: Pick<AppData, 'wards' | 'households' | 'fibre' | 'cells'>;
}

/** What the run controls choose: the analysis' settings are the defaults with these. */
export interface AnalysisChoice {
  technology: Technology;
  operator: string | null;
  thresholdsDbm: SignalThresholdsDbm;
}

const settingsOf = ({ technology, operator, thresholdsDbm }: AnalysisChoice): AnalysisSettings => ({ ...DEFAULT_SETTINGS, technology, operator, thresholdsDbm });

export interface AnalysisProgress {
  stage: ProgressStage | null;
  fraction: number;
}

export type AnalysisMessage =
  | { key: 'analysisFailed'; reason: string }
  | { key: 'analysisCancelled' }
  | { key: 'analysisWorkerRestarted' }
  | null;

interface UseAnalysisOptions {
  data: AppData;
  request: EngineRequest;
  replaceCells: (cells: Cell[]) => void;
  cancelWorker: () => void;
  /** Counts worker restarts; a change means the worker holds no analysis any more. */
  workerRestarts: number;
  /** Told of each cell the user edits (the undo history). */
  onEdit?: (edit: Edit) => void;
}

export function useAnalysis({ data, request, replaceCells, cancelWorker, workerRestarts, onEdit = () => undefined }: UseAnalysisOptions) {
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [progress, setProgress] = useState<AnalysisProgress | null>(null);
  const [message, setMessage] = useState<AnalysisMessage>(null);
  const analysisRef = useRef<Analysis | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  const generationRef = useRef(0);
  /** Withdraws the zones request of the last run (a new run does not wait for the previous run's zones). */
  const zonesAbortRef = useRef<AbortController | null>(null);
  /** Imported cells edited in this session, by cell id (what a scenario records as `edited`). */
  const editedRef = useRef(new Map<string, Cell>());
  const ownCellsRef = useRef<Cell[] | null>(null);

  // a sites layer that did not come from an edit here (an import) starts a fresh list of edits
  useEffect(() => {
    if (data.cells !== ownCellsRef.current) editedRef.current.clear();
  }, [data.cells]);

  const commit = useCallback((next: Analysis | null) => {
    analysisRef.current = next;
    setAnalysis(next);
  }, []);

  // a restarted worker (an import cancelled from the header bar, a crash) holds no analysis: edits sent to it
  // would fail, so the result goes and the panel asks for a new run
  const restartsSeenRef = useRef(workerRestarts);
  useEffect(() => {
    if (workerRestarts === restartsSeenRef.current) return;
    restartsSeenRef.current = workerRestarts;
    if (analysisRef.current === null) return;
    commit(null);
    setMessage({ key: 'analysisWorkerRestarted' });
  }, [commit, workerRestarts]);

  /**
   * Tells the worker the analysis `run` would ask for now, or null: it computes it while idle, so that the click
   * finds it done or under way. Sent again only when it changes, or to a restarted worker (a new function then).
   */
  const expectedRef = useRef<string | null>(null);
  const expect = useCallback(
    (choice: AnalysisChoice | null) => {
      const payload = choice === null ? null : { settings: settingsOf(choice), zones: false };
      const sent = `${workerRestarts} ${JSON.stringify(payload)}`;
      if (sent === expectedRef.current) return;
      expectedRef.current = sent;
      // a hint: a worker that misses it only computes the analysis on the click
      request('expectAnalysis', payload).catch(() => undefined);
    },
    [request, workerRestarts],
  );

  const run = useCallback(
    async (technology: Technology, operator: string | null, thresholdsDbm: SignalThresholdsDbm) => {
      const inputs = dataRef.current;
      const settings = settingsOf({ technology, operator, thresholdsDbm });
      // the worker forgets the expected analysis with this request
      expectedRef.current = null;
      setMessage(null);
      setProgress({ stage: null, fraction: 0 });
      const started = performance.now();
      zonesAbortRef.current?.abort();
      const zonesAbort = new AbortController();
      zonesAbortRef.current = zonesAbort;
      const analysed = request('analyse', { settings, zones: false }, { onProgress: (stage, fraction) => setProgress({ stage, fraction }) });
      // asked at once, so the worker outlines this analysis' zones before any edit sent after its result is shown
      const outlined = request('analysisZones', null, { signal: zonesAbort.signal });
      outlined.catch(() => undefined);
      let generation: number;
      try {
        const response = await analysed;
        generation = ++generationRef.current;
        commit({
          settings,
          coverage: response.coverage,
          statistics: response.statistics,
          baseline: response.statistics.total,
          baselineWards: response.statistics.wards,
          generation,
          zones: response.zones,
          zonesStatus: response.zones === null ? 'outlining' : 'ready',
          fibrePassed: response.fibrePassed,
          elapsedMs: performance.now() - started,
          workerMs: response.workerMs,
          timingsMs: response.timingsMs,
          computedAhead: response.computedAhead,
          lastUpdate: null,
          inputs: { wards: inputs.wards, households: inputs.households, fibre: inputs.fibre, cells: inputs.cells },
        });
      } catch (error) {
        zonesAbort.abort();
        setMessage(error instanceof CancelledError ? { key: 'analysisCancelled' } : { key: 'analysisFailed', reason: errorMessage(error) });
        return;
      } finally {
        setProgress(null);
      }
      const withZones = (change: (latest: Analysis) => Partial<Analysis>) => {
        const latest = analysisRef.current;
        if (latest !== null && latest.generation === generation) commit({ ...latest, ...change(latest) });
      };
      try {
        const { zones, timingMs } = await outlined;
        withZones((latest) => ({ zones, zonesStatus: 'ready', timingsMs: { ...latest.timingsMs, zones: timingMs } }));
      } catch (error) {
        withZones(() => ({ zonesStatus: 'stopped' }));
        if (!(error instanceof CancelledError)) setMessage({ key: 'analysisFailed', reason: errorMessage(error) });
      } finally {
        if (zonesAbortRef.current === zonesAbort) zonesAbortRef.current = null;
      }
    },
    [commit, request],
  );

  // the worker keeps its previous analysis when a cancel message stops the run; if it has to be replaced instead,
  // `workerRestarts` drops the result (above)
  const cancel = useCallback(() => cancelWorker(), [cancelWorker]);

  /**
   * Replaces cell `cellIndex` (moved or edited) and refreshes the result and the statistics; resolves to false when
   * there is no analysis or the worker refused.
   */
  const updateCell = useCallback(
    async (cellIndex: number, cell: Cell): Promise<boolean> => {
      const current = analysisRef.current;
      if (current === null) return false;
      const started = performance.now();
      try {
        const response = await request('updateCell', { cellIndex, cell });
        const cells = dataRef.current.cells.slice();
        cells[cellIndex] = cell;
        ownCellsRef.current = cells;
        editedRef.current.set(cell.cellId, cell);
        replaceCells(cells);
        const latest = analysisRef.current ?? current;
        commit({
          ...latest,
          ...withChange(latest, response),
          lastUpdate: { ms: performance.now() - started, changedPoints: response.changed.length },
          inputs: { ...latest.inputs, cells },
        });
        return true;
      } catch (error) {
        setMessage({ key: 'analysisFailed', reason: errorMessage(error) });
        return false;
      }
    },
    [commit, replaceCells, request],
  );

  /** The user's edit of cell `cellIndex` (the cell editor): applied as `updateCell`, and recorded for undo. */
  const editCellValues = useCallback(
    async (cellIndex: number, cell: Cell) => {
      const before = dataRef.current.cells[cellIndex];
      if (before !== undefined && (await updateCell(cellIndex, cell))) onEdit({ kind: 'cell', cellIndex, before, after: cell });
    },
    [onEdit, updateCell],
  );

  /**
   * Applies engine cell changes one after the other (a site is several cells) and commits the last result; the
   * time measured covers them all. Resolves to each change's cell index, or null when the worker refused.
   */
  const changeCells = useCallback(
    async (changes: ReadonlyArray<() => Promise<CellChangeResponse>>): Promise<number[] | null> => {
      if (analysisRef.current === null) return null;
      const started = performance.now();
      try {
        const replies: CellChangeResponse[] = [];
        for (const change of changes) replies.push(await change());
        const latest = analysisRef.current;
        if (replies.length > 0 && latest !== null) {
          const changed = replies.reduce((state, reply) => ({ ...state, ...withChange(state, reply) }), latest);
          const changedPoints = replies.reduce((sum, reply) => sum + reply.changed.length, 0);
          commit({ ...changed, lastUpdate: { ms: performance.now() - started, changedPoints } });
        }
        return replies.map((reply) => reply.cellIndex);
      } catch (error) {
        setMessage({ key: 'analysisFailed', reason: errorMessage(error) });
        return null;
      }
    },
    [commit],
  );

  /** Adds cells (a proposed site) to the analysis; resolves to their engine indices. */
  const addCells = useCallback(
    (cells: readonly Cell[]) => changeCells(cells.map((cell) => () => request('addCell', { cell }))),
    [changeCells, request],
  );

  /** Replaces analysis cells by index (a proposed site moved). */
  const replaceEngineCells = useCallback(
    (indices: readonly number[], cells: readonly Cell[]) =>
      changeCells([() => request('updateCells', { changes: indices.map((cellIndex, k) => ({ cellIndex, cell: cells[k] })) })]),
    [changeCells, request],
  );

  const removeCells = useCallback(
    (indices: readonly number[]) => changeCells(indices.map((cellIndex) => () => request('removeCell', { cellIndex }))),
    [changeCells, request],
  );

  /** Replaces the imported cells before an analysis (a scenario's edits and removals), keeping them as edits. */
  const applyCellEdits = useCallback(
    async (cells: Cell[], edited: readonly Cell[]) => {
      await request('setCells', { cells });
      ownCellsRef.current = cells;
      editedRef.current = new Map(edited.map((cell) => [cell.cellId, cell]));
      dataRef.current = { ...dataRef.current, cells };
      replaceCells(cells);
      commit(null);
    },
    [commit, replaceCells, request],
  );

  /**
   * The analysis by other units (the layout switch): the worker regrouped its statistics and zones; the households'
   * results are unchanged. The difference since the run starts again from here.
   */
  const regroup = useCallback(
    (wards: AppData['wards'], statistics: WardStatisticsResult, zones: WeakZones | null) => {
      const current = analysisRef.current;
      if (current === null) return;
      commit({ ...current, statistics, baseline: statistics.total, baselineWards: statistics.wards, zones, inputs: { ...current.inputs, wards } });
    },
    [commit],
  );

  const editedCells = useCallback((): Cell[] => [...editedRef.current.values()], []);
  /** The sites layer as the last edit here left it (another one in the app's data came from an import). */
  const ownCells = useCallback((): Cell[] | null => ownCellsRef.current, []);
  const currentGeneration = useCallback((): number => analysisRef.current?.generation ?? 0, []);

  const bestServerAt = useCallback(
    (lon: number, lat: number): Promise<BestServerResponse> => request('bestServerAt', { lon, lat }),
    [request],
  );

  const cellFootprint = useCallback((cellIndex: number) => request('cellFootprint', { cellIndex }), [request]);

  const stale =
    analysis !== null &&
    (analysis.inputs.wards !== data.wards ||
      analysis.inputs.households !== data.households ||
      analysis.inputs.fibre !== data.fibre ||
      analysis.inputs.cells !== data.cells);

  return {
    analysis,
    progress,
    message,
    stale,
    expect,
    run,
    cancel,
    updateCell,
    editCellValues,
    addCells,
    replaceEngineCells,
    removeCells,
    applyCellEdits,
    regroup,
    editedCells,
    ownCells,
    currentGeneration,
    bestServerAt,
    cellFootprint,
    request,
  };
}

/**
 * The result and statistics after a cell edit: the changed households written into the result the app holds
 * (in place: the worker sends only them), the changed ward rows swapped in. The result gets a new wrapper so
 * the layers drawing it see the change.
 */
function withChange(analysis: Analysis, change: CellChangeResponse): Pick<Analysis, 'coverage' | 'statistics'> {
  applyCoverageDelta(analysis.coverage, change);
  return { coverage: { ...analysis.coverage }, statistics: applyWardStatisticsDelta(analysis.statistics, change.statistics) };
}
