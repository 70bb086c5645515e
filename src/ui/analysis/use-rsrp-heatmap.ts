/**
 * The RSRP heat map of the current analysis, asked of the worker while the layer is on: after each run and each
 * cell edit (a new coverage wrapper), the worker refreshing only the edited cells' footprints. A reply that a newer
 * request has overtaken is dropped.
 */
import { useEffect, useRef, useState } from 'react';
import type { RsrpHeatmap } from '../../core/coverage/rsrp-heatmap.ts';
import type { Analysis, EngineRequest } from './use-analysis.ts';
import { errorMessage } from '../../core/error-message.ts';

export interface HeatmapState {
  heatmap: RsrpHeatmap | null;
  /** The coverage the heat map was computed for (its analysis and edits). */
  coverage: Analysis['coverage'] | null;
  /** Grid cells the worker evaluated for the last reply, and the page-side time of the request, ms. */
  evaluatedCells: number;
  elapsedMs: number;
  failed: string | null;
}

const EMPTY: HeatmapState = { heatmap: null, coverage: null, evaluatedCells: 0, elapsedMs: 0, failed: null };

export function useRsrpHeatmap(request: EngineRequest, analysis: Analysis | null, visible: boolean): HeatmapState {
  const [state, setState] = useState<HeatmapState>(EMPTY);
  const latest = useRef(0);
  const coverage = analysis?.coverage ?? null;
  useEffect(() => {
    if (!visible || coverage === null) return;
    const ticket = ++latest.current;
    const started = performance.now();
    request('rsrpHeatmap', null).then(
      (response) => {
        if (ticket !== latest.current) return;
        setState({ heatmap: response.heatmap, coverage, evaluatedCells: response.evaluatedCells, elapsedMs: performance.now() - started, failed: null });
      },
      (error: unknown) => {
        if (ticket === latest.current) setState({ ...EMPTY, failed: errorMessage(error) });
      },
    );
  }, [request, coverage, visible]);
  // a finished analysis replaced or dropped: its heat map goes too
  return analysis === null ? EMPTY : state;
}
