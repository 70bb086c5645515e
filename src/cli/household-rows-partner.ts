/**
 * The CLI's partner for the parse of a long households CSV (parse-households.ts `HouseholdRowsPartner`): a worker
 * thread, started before the command reads its other layers, reads the file itself and parses the second half of
 * its rows while the main thread reads the wards, the sites and the first half (the second core was idle through
 * the parse). The parser waits for the rows inside a synchronous step, so they come back by a channel read without
 * the event loop (`receiveMessageOnPort`), as the coverage sets do (coverage-sets-partner-thread.ts): typed arrays
 * transferred, ids packed, ward ids coded (worker/packed-strings.ts). The partner only speeds the parse up: one
 * that has not started reading when the rows are needed, fails or stops beating is given up (partner-control.ts),
 * and the main thread reads the second half itself.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Transferable } from 'node:worker_threads';
import { beat, HeartbeatWatch, moveState, PartnerState, servePartnerShare, setState, sharedControl, stateOf, waitWhile } from '../core/partner-control.ts';
import { MIN_SPLIT_CHARS } from '../io/read-csv.ts';
import { decodeText } from '../io/read-layer-file.ts';
import { householdRowsOfTail, type HouseholdRows, type HouseholdRowsPartner } from '../io/parse-households.ts';
import type { TableOptions } from '../io/layer-source.ts';
import { sniffFormat } from '../io/sniff-format.ts';
import { codeStrings, packStrings, uncodeStrings, unpackStrings, type CodedStrings, type PackedStrings } from '../worker/packed-strings.ts';
import { readInputFiles } from './common.ts';
import { runInThread } from './run-in-thread.ts';

/** A file smaller than this is not worth a thread (a gzipped text is several times smaller than its text), bytes. */
const MIN_FILE_BYTES = MIN_SPLIT_CHARS / 8;

/** How long the host sleeps between looks at a working partner, ms. */
const WAIT_SLICE_MS = 100;

/** Household rows as they cross between the threads: ids packed, ward ids coded. */
interface PackedHouseholdRows extends Omit<HouseholdRows, 'ids' | 'wardIds'> {
  ids: PackedStrings;
  wardIds: CodedStrings;
}

export interface HouseholdRowsInput {
  path: string;
  options: TableOptions;
  control: Int32Array;
  port: MessagePort;
}

/** A partner the command stops once the households are read (its thread may still be running). */
export interface HouseholdRowsPartnerThread extends HouseholdRowsPartner {
  stop(): void;
}

/**
 * Starts a partner thread reading the households file at `path` (read with `options`), or null on a one-core
 * machine or for a small file. The control may be given (a test watching the thread).
 */
export function householdRowsPartnerThread(path: string, options: TableOptions, control: Int32Array = sharedControl()): HouseholdRowsPartnerThread | null {
  if (availableParallelism() < 2) return null;
  try {
    if (statSync(path).size < MIN_FILE_BYTES) return null;
  } catch {
    // the command's own read reports the file
    return null;
  }
  const { port1, port2 } = new MessageChannel();
  const abort = new AbortController();
  const input: HouseholdRowsInput = { path, options, control, port: port2 };
  // the thread's errors show in the control (FAILED, or a stalled heartbeat): the parser then reads the rows itself
  void runInThread('householdRowsShare', input, { signal: abort.signal, unref: true, transfer: [port2] }).catch(() => undefined);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    abort.abort();
    port1.close();
  };
  return {
    rowsOf(): HouseholdRows | null {
      // still starting: it reads nothing now
      if (moveState(control, PartnerState.PREPARING, PartnerState.ABANDONED)) return null;
      const heartbeat = new HeartbeatWatch(control);
      for (;;) {
        const state = stateOf(control);
        if (state === PartnerState.DONE) {
          const packed = receiveMessageOnPort(port1)?.message as PackedHouseholdRows | null | undefined;
          return packed == null ? null : unpackRows(packed);
        }
        if (state !== PartnerState.WORKING) return null;
        waitWhile(control, PartnerState.WORKING, WAIT_SLICE_MS);
        if (heartbeat.stalled()) return null;
      }
    },
    stop,
  };
}

/**
 * The partner's side, run in its thread (job `householdRowsShare`): reads the file and posts the rows of its second
 * part (null for a file read in one piece), unless the host gave it up before it started.
 */
export function serveHouseholdRows({ path, options, control, port }: HouseholdRowsInput): void {
  try {
    servePartnerShare(control, () => {
      const files = readInputFiles(path);
      const text = sniffFormat(files) === 'csv' ? decodeText(files[0].bytes).text : null;
      if (!moveState(control, PartnerState.PREPARING, PartnerState.WORKING)) return;
      const rows = text === null ? null : householdRowsOfTail(text, files[0].name, options, () => beat(control));
      // posted before DONE: a host that sees DONE finds the rows in its channel
      if (rows === null) port.postMessage(null);
      else {
        const packed = packRows(rows);
        port.postMessage(packed, rowBuffers(packed));
      }
      setState(control, PartnerState.DONE);
    });
  } finally {
    port.close();
  }
}

function packRows(rows: HouseholdRows): PackedHouseholdRows {
  return { ...rows, ids: packStrings(rows.ids), wardIds: codeStrings(rows.wardIds) };
}

function unpackRows(packed: PackedHouseholdRows): HouseholdRows {
  // ids are never null: a point without one got `row-<row>`
  return { ...packed, ids: unpackStrings(packed.ids) as string[], wardIds: uncodeStrings(packed.wardIds) };
}

function rowBuffers({ lon, lat, count, places, defaulted, ids, wardIds }: PackedHouseholdRows): Transferable[] {
  return [lon.buffer, lat.buffer, count.buffer, places.buffer, defaulted.buffer, ids.ends.buffer, ids.nulls.buffer, wardIds.codes.buffer] as Transferable[];
}
