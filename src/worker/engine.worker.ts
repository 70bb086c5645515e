/**
 * The engine worker: parses files, locates households in wards and (next) runs the coverage engine, so the
 * page never freezes. It keeps the committed dataset; requests are handled one at a time, in order.
 * Cancelling terminates this worker (the client starts a new one and sends it a `restore`).
 */
import { assignWards, indexWards, type WardIndex } from '../core/assign-wards.ts';
import type { Cell, FibreNetwork, HouseholdPoints, Ward } from '../core/model.ts';
import type { ImportIssue, ImportResult } from '../io/import-result.ts';
import { parseFibre } from '../io/parse-fibre.ts';
import { parseHouseholds } from '../io/parse-households.ts';
import { parseSites } from '../io/parse-sites.ts';
import { parseWards } from '../io/parse-wards.ts';
import { decodeText } from './decode-bytes.ts';
import type {
  DatasetSnapshot,
  FromWorker,
  HouseholdAssignment,
  ImportReport,
  LoadRequest,
  LoadResponse,
  ProgressStage,
  RequestName,
  RequestOf,
  ResponseOf,
  ToWorker,
} from './protocol.ts';

/** What the worker holds between requests. */
interface WorkerState {
  wards: Ward[];
  wardIndex: WardIndex;
  land: DatasetSnapshot['land'];
  cells: Cell[];
  households: HouseholdPoints | null;
  assignment: HouseholdAssignment | null;
  fibre: FibreNetwork | null;
}

const state: WorkerState = {
  wards: [],
  wardIndex: indexWards([]),
  land: null,
  cells: [],
  households: null,
  assignment: null,
  fibre: null,
};

type Progress = (stage: ProgressStage, fraction: number) => void;
interface Reply<N extends RequestName> {
  value: ResponseOf<N>;
  transfer: Transferable[];
}
type Handler<N extends RequestName> = (payload: RequestOf<N>, progress: Progress) => Promise<Reply<N>>;

/** A request the worker cannot serve yet (e.g. analysis before the coverage engine is wired in). */
function unsupported(name: RequestName): never {
  throw new Error(`"${name}" is not available in this build`);
}

const handlers: { [N in RequestName]: Handler<N> } = {
  load: (payload, progress) => load(payload, progress),
  restore: async (snapshot) => {
    restore(snapshot);
    return { value: { restored: true }, transfer: [] };
  },
  analyse: async () => unsupported('analyse'),
  updateCell: async () => unsupported('updateCell'),
  addCell: async () => unsupported('addCell'),
  removeCell: async () => unsupported('removeCell'),
};

async function load(request: LoadRequest, progress: Progress): Promise<Reply<'load'>> {
  progress('decompress', 0);
  const text = await decodeText(request.bytes);
  progress('parse', 0);
  const response = parseLayer(request, text, progress);
  return { value: response, transfer: transferList(response) };
}

/** Parses one layer and, unless the import failed, commits it to the worker state. */
function parseLayer({ layer, file }: LoadRequest, text: string, progress: Progress): LoadResponse {
  switch (layer) {
    case 'wards': {
      const result = parseWards(text, file);
      if (result.status !== 'failed') {
        state.wards = result.data;
        state.wardIndex = indexWards(result.data);
        state.assignment = state.households === null ? null : locateHouseholds(state.households, progress);
      }
      const assignment = state.assignment === null ? null : copyAssignment(state.assignment);
      return { layer, report: reportOf(layer, text, result), wards: result.data, assignment };
    }
    case 'land': {
      const result = parseWards(text, file);
      const land = result.data.map((ward) => ward.geometry);
      if (result.status !== 'failed') state.land = land;
      return { layer, report: reportOf(layer, text, result), land };
    }
    case 'sites': {
      const result = parseSites(text, file);
      if (result.status !== 'failed') state.cells = result.data;
      return { layer, report: reportOf(layer, text, result), cells: result.data };
    }
    case 'households': {
      const result = parseHouseholds(text, file);
      progress('assign', 0);
      const assignment = locateHouseholds(result.data, progress);
      if (result.status !== 'failed') {
        state.households = result.data;
        state.assignment = assignment;
      }
      const report = reportOf(layer, text, result, assignmentNotes(assignment, file));
      return { layer, report, households: copyHouseholds(result.data), assignment: copyAssignment(assignment) };
    }
    case 'fibre': {
      const result = parseFibre(text, file);
      if (result.status !== 'failed') state.fibre = result.data;
      return { layer, report: reportOf(layer, text, result), fibre: result.data };
    }
  }
}

/** Locates every household point in the current wards and sums households per ward. */
function locateHouseholds(households: HouseholdPoints, progress: Progress): HouseholdAssignment {
  const located = assignWards(households, state.wardIndex);
  const householdsPerWard = new Float64Array(state.wards.length);
  let outsideHouseholds = 0;
  for (let i = 0; i < households.length; i++) {
    const ward = located.wardIndex[i];
    if (ward === -1) outsideHouseholds += households.count[i];
    else householdsPerWard[ward] += households.count[i];
  }
  progress('assign', 1);
  return {
    wardOfHousehold: located.wardIndex,
    householdsPerWard,
    outsideHouseholds,
    overlapPoints: located.overlapCount,
    unknownWardIdPoints: located.unknownWardIdCount,
  };
}

/** Whole-file notes on where the households fell: kept points outside every ward, overlaps, unknown ward ids. */
function assignmentNotes(assignment: HouseholdAssignment, file: string): ImportIssue[] {
  const notes: ImportIssue[] = [];
  const note = (code: ImportIssue['code'], count: number) => {
    if (count > 0) notes.push({ file, index: null, code, params: { count }, severity: 'warning' });
  };
  note('outside-all-wards', assignment.outsideHouseholds);
  note('overlapping-wards', assignment.overlapPoints);
  note('unknown-ward', assignment.unknownWardIdPoints);
  return notes;
}

function reportOf(
  layer: ImportReport['layer'],
  text: string,
  result: ImportResult<unknown>,
  extra: ImportIssue[] = [],
): ImportReport {
  const { file, status, read, kept, rejected, issues } = result;
  // GeoJSON is a JSON object; everything else the parsers read is CSV
  const format = /^\uFEFF?\s*[{[]/.test(text.slice(0, 1024)) ? 'geojson' : 'csv';
  return { layer, format, file, status, read, kept, rejected, issues: extra.length > 0 ? [...issues, ...extra] : issues };
}

/** Copies of the typed arrays the worker keeps, so their buffers can be transferred without detaching ours. */
function copyHouseholds(households: HouseholdPoints): HouseholdPoints {
  return { ...households, lon: households.lon.slice(), lat: households.lat.slice(), count: households.count.slice() };
}

function copyAssignment(assignment: HouseholdAssignment): HouseholdAssignment {
  return {
    ...assignment,
    wardOfHousehold: assignment.wardOfHousehold.slice(),
    householdsPerWard: assignment.householdsPerWard.slice(),
  };
}

function transferList(response: LoadResponse): Transferable[] {
  const buffers: ArrayBufferLike[] = [];
  if ('assignment' in response && response.assignment !== null) {
    buffers.push(response.assignment.wardOfHousehold.buffer, response.assignment.householdsPerWard.buffer);
  }
  if (response.layer === 'households') {
    buffers.push(response.households.lon.buffer, response.households.lat.buffer, response.households.count.buffer);
  }
  return buffers as ArrayBuffer[];
}

function restore(snapshot: DatasetSnapshot): void {
  state.wards = snapshot.wards;
  state.wardIndex = indexWards(snapshot.wards);
  state.land = snapshot.land;
  state.cells = snapshot.cells;
  state.households = snapshot.households;
  state.fibre = snapshot.fibre;
  state.assignment = snapshot.households === null ? null : locateHouseholds(snapshot.households, () => undefined);
}

function post(message: FromWorker, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(message, transfer);
}

// one request at a time, in arrival order: each waits for the previous one
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  queue = queue.then(() => handle(message));
};

async function handle<N extends RequestName>(message: { id: number; name: N; payload: RequestOf<N> }): Promise<void> {
  const { id, name, payload } = message;
  const progress: Progress = (stage, fraction) => post({ id, kind: 'progress', stage, fraction });
  try {
    const handler = handlers[name] as Handler<N>;
    const { value, transfer } = await handler(payload, progress);
    post({ id, kind: 'done', name, payload: value } as FromWorker, transfer);
  } catch (error) {
    post({ id, kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
