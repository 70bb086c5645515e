/**
 * The import of a user's files, from the drop or the file picker to the worker: each input (a file, or a
 * Shapefile's parts) is checked against the tab's size limit, looked at once in the worker (`inspect`: sheets,
 * header, first rows, CRS), its layer told from that look (or asked), and — only when needed — the import dialog
 * asks for the sheet, the column map (remembered per header set) and the coordinate system (pre-filled with the
 * guess). Then the bytes go to the worker (transferred, not copied) and readLayerFile reads them: into a layer of
 * the dataset, or as an operator's proposals to evaluate. One input at a time, in the order given.
 */
import { createContext, useCallback, useContext, useRef, useState } from 'react';
import type { LayerFileInspection } from '../../io/inspect-layer-file.ts';
import { sniffTextFormat } from '../../io/sniff-text-format.ts';
import { decodeHead, formatMb, isGzip } from '../../worker/decode-bytes.ts';
import type { ImportableLayer, ImportChoices, ImportFile } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import type { DictionaryKey } from '../i18n.ts';
import { checkImportSize } from '../import-limit.ts';
import { rememberColumnMap, rememberedColumnMap } from './column-map-store.ts';
import type { ImportQuestions } from './import-inputs.ts';
import { errorMessage } from '../../core/error-message.ts';

/** Where an input goes: a layer of the dataset (null: tell it from the file, or ask), or the proposals review. */
export type ImportTarget = { kind: 'layer'; layer: ImportableLayer | null } | { kind: 'proposals' };

/** A CSV larger than this is looked at by its first megabyte only (the header and first rows are all it needs). */
const CSV_LOOK_BYTES = 1 << 20;

/** An input waiting for the user: its layer (null: ask which), its first look and what must be answered. */
export interface ImportQuestion {
  id: number;
  name: string;
  files: readonly File[];
  target: ImportTarget;
  layer: ImportableLayer | null;
  inspection: LayerFileInspection;
  questions: ImportQuestions;
  /** The column map so far (remembered for this header set, or empty). */
  columnMap: Record<string, string>;
}

/** The user's answer: the sheet, the CRS spec and the column map to read the file with. */
export interface ImportAnswer {
  sheet?: string;
  crs?: string;
  columnMap: Record<string, string>;
}

interface FlowOptions {
  request: EngineRequest;
  /** Reads files into a layer of the dataset (useDataset's importFiles). */
  importLayer: (layer: ImportableLayer, files: ImportFile[], choices: ImportChoices) => Promise<boolean>;
  /** Evaluates an operator's proposal file (useProposals' importFile). */
  importProposals: (file: File, choices: ImportChoices) => Promise<void>;
  notify: (key: DictionaryKey, params: Record<string, string>) => void;
  /** Called when an input starts (the app shows the import tab for layers). */
  onStart?: (target: ImportTarget) => void;
}

let nextQuestion = 1;

/**
 * The rules that group, look at and question an input (import-inputs.ts, with the readers' field lists and the CRS
 * guesses it uses): loaded with the first import, not at start, where they would delay the map.
 */
const loadRules = () => import('./import-inputs.ts');

export function useImportFlow({ request, importLayer, importProposals, notify, onStart }: FlowOptions) {
  const [question, setQuestion] = useState<ImportQuestion | null>(null);
  const [looking, setLooking] = useState(false);
  const questionRef = useRef<ImportQuestion | null>(null);
  questionRef.current = question;
  const answerRef = useRef<((reply: Reply | null) => void) | null>(null);
  const queueRef = useRef<Promise<void>>(Promise.resolve());
  const optionsRef = useRef({ request, importLayer, importProposals, notify, onStart });
  optionsRef.current = { request, importLayer, importProposals, notify, onStart };

  /** The worker's first look at the files; a large CSV by its first megabyte. */
  const inspect = useCallback(async (files: readonly File[], bytes: readonly ArrayBuffer[], sheet?: string): Promise<LayerFileInspection> => {
    const looked = await Promise.all(
      files.map(async (file, i): Promise<ImportFile> => {
        const whole = bytes[i];
        if (files.length === 1 && (isGzip(whole) || whole.byteLength > CSV_LOOK_BYTES)) {
          const head = await decodeHead(whole, CSV_LOOK_BYTES);
          if (!head.includes('\u0000') && sniffTextFormat(file.name.replace(/\.gz$/i, ''), head) === 'csv') {
            // up to the last full line: a row cut in the middle would be a false rejection in the preview
            const cut = head.length >= CSV_LOOK_BYTES ? head.slice(0, Math.max(head.lastIndexOf('\n'), 0)) : head;
            return { name: file.name.replace(/\.gz$/i, ''), bytes: new TextEncoder().encode(cut).buffer as ArrayBuffer };
          }
        }
        return { name: file.name, bytes: whole.slice(0) };
      }),
    );
    return optionsRef.current.request('inspect', { files: looked, sheet }, { transfer: looked.map((file) => file.bytes) });
  }, []);

  /** Waits for the dialog's answer (null: the user skipped the file). */
  const ask = useCallback((next: ImportQuestion) => {
    setQuestion(next);
    return new Promise<Reply | null>((resolve) => {
      answerRef.current = resolve;
    });
  }, []);

  const process = useCallback(
    async (files: File[], target: ImportTarget): Promise<void> => {
      const { notify } = optionsRef.current;
      const { detectLayerOf, importQuestions, inputName, needsAnswers, readerLayer } = await loadRules();
      for (const file of files) {
        const oversize = await checkImportSize(file);
        if (oversize !== null) {
          notify('errorFileTooLarge', { file: file.name, size: formatMb(oversize.sizeBytes), limit: formatMb(oversize.limitBytes) });
          return;
        }
      }
      const name = inputName(files);
      optionsRef.current.onStart?.(target);
      setLooking(true);
      let inspection: LayerFileInspection;
      let bytes: ArrayBuffer[];
      try {
        bytes = await Promise.all(files.map((file) => file.arrayBuffer()));
        inspection = await inspect(files, bytes);
      } catch (error) {
        notify('errorImport', { file: name, reason: errorMessage(error) });
        return;
      } finally {
        setLooking(false);
      }
      let layer: ImportableLayer | null = target.kind === 'proposals' ? 'sites' : (target.layer ?? detectLayerOf(name, inspection));
      const questionFor = (chosen: ImportableLayer | null, look: LayerFileInspection): ImportQuestion => {
        const columnMap = chosen === null ? {} : rememberedColumnMap(readerLayer(chosen), look.header);
        const questions = chosen === null ? { sheet: false, missingFields: [], crs: null } : importQuestions(chosen, look, columnMap);
        return { id: nextQuestion++, name, files, target, layer: chosen, inspection: look, questions, columnMap };
      };
      let pending = questionFor(layer, inspection);
      if (layer === null) {
        const told = await ask(pending);
        if (told === null) return setQuestion(null);
        layer = told.layer;
        pending = questionFor(layer, inspection);
      }
      let answer: ImportAnswer = { columnMap: pending.columnMap };
      if (needsAnswers(pending.questions)) {
        const given = await ask(pending);
        setQuestion(null);
        if (given === null || given.answer === null) return;
        answer = given.answer;
        // remembered for the header the map was made on (the sheet shown last)
        rememberColumnMap(readerLayer(layer), given.question.inspection.header, answer.columnMap);
      } else setQuestion(null);
      const choices: ImportChoices = { sheet: answer.sheet, crs: answer.crs, columnMap: Object.keys(answer.columnMap).length > 0 ? answer.columnMap : undefined };
      if (target.kind === 'proposals') await optionsRef.current.importProposals(files[0], choices);
      else await optionsRef.current.importLayer(layer, files.map((file, i) => ({ name: file.name, bytes: bytes[i] })), choices);
    },
    [ask, inspect],
  );

  /** Imports files into a layer (picked) or tells each input's layer (dropped), or evaluates proposals. */
  const start = useCallback(
    (files: readonly File[], target: ImportTarget) => {
      // the rules are loaded here first, so that a failure to load them is told once, for every file dropped
      const group = async (): Promise<File[][]> => {
        const { groupInputs } = await loadRules();
        if (target.kind === 'layer' && target.layer !== null && files.some((file) => /\.shp$/i.test(file.name))) return [[...files]];
        const inputs = groupInputs(files);
        return target.kind === 'proposals' ? inputs.slice(0, 1) : inputs;
      };
      queueRef.current = queueRef.current.then(async () => {
        let inputs: File[][];
        try {
          inputs = await group();
        } catch (error) {
          return optionsRef.current.notify('errorImport', { file: files.map((file) => file.name).join(', '), reason: errorMessage(error) });
        }
        // an input that fails where no step expected it is told, and the queue goes on with the next one
        for (const input of inputs) {
          await process(input, target).catch((error: unknown) =>
            optionsRef.current.notify('errorImport', { file: input.map((file) => file.name).join(', '), reason: errorMessage(error) }),
          );
        }
      });
    },
    [process],
  );

  /** The layer the user says an input holds (null skips it). */
  const chooseLayer = useCallback((layer: ImportableLayer | null) => {
    const resolve = answerRef.current;
    answerRef.current = null;
    const current = questionRef.current;
    if (current !== null) resolve?.(layer === null ? null : { layer, answer: null, question: current });
  }, []);

  /** The dialog's answer (null: skip the file). */
  const answer = useCallback(
    (given: ImportAnswer | null) => {
      const resolve = answerRef.current;
      answerRef.current = null;
      if (question?.layer != null) resolve?.({ layer: question.layer, answer: given, question });
    },
    [question],
  );

  /** Looks at another sheet of the workbook in the dialog (header, rows and questions follow). */
  const changeSheet = useCallback(
    async (sheet: string) => {
      if (question === null || question.layer === null) return;
      const { importQuestions, readerLayer } = await loadRules();
      const bytes = await Promise.all(question.files.map((file) => file.arrayBuffer()));
      const look = await inspect(question.files, bytes, sheet);
      const columnMap = rememberedColumnMap(readerLayer(question.layer), look.header);
      setQuestion({ ...question, inspection: look, columnMap, questions: importQuestions(question.layer, look, columnMap) });
    },
    [inspect, question],
  );

  return { question, looking, start, chooseLayer, answer, changeSheet };
}

/** What the dialog resolves with: the layer, the answer (null: only the layer was asked), the question answered. */
interface Reply {
  layer: ImportableLayer;
  answer: ImportAnswer | null;
  question: ImportQuestion;
}

/** The import flow, for panels deep in the tree (the proposals review) that start imports too. */
export const ImportFlowContext = createContext<((files: readonly File[], target: ImportTarget) => void) | null>(null);

export function useStartImport(): ((files: readonly File[], target: ImportTarget) => void) | null {
  return useContext(ImportFlowContext);
}
