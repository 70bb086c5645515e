/**
 * The reporting layout as the app sees it: the 114 units of 2025 or the 489 units of the 2019 layout (488 communes and Bạch Long Vĩ), one click
 * apart. The worker reads the 2019 layout and the crosswalk once the dataset has loaded (and again after a
 * restart); a switch regroups the households there, and the app shows the new units, their households and, when
 * an analysis exists, its statistics and zones by them. Every prediction stays as it was.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { WardStatisticsResult } from '../../core/coverage/ward-statistics.ts';
import type { WeakZones } from '../../core/coverage/weak-zones.ts';
import type { Ward } from '../../core/model.ts';
import { CancelledError } from '../../worker/engine-client.ts';
import type { HouseholdAssignment, ImportReport, LayoutComparison, LayoutInfo, ReportingLayout } from '../../worker/protocol.ts';
import type { EngineRequest } from '../analysis/use-analysis.ts';
import { copyOf, fetchLayoutFiles, type LayoutFiles } from './reference-files.ts';
import { errorMessage } from '../../core/error-message.ts';

interface UseLayoutsOptions {
  request: EngineRequest;
  /** The dataset has loaded: the layouts are read after it, so they never delay the map. */
  ready: boolean;
  wards: Ward[];
  workerRestarts: number;
  showUnits: (wards: Ward[], assignment: HouseholdAssignment | null, loaded: Ward[] | null) => void;
  regroupAnalysis: (wards: Ward[], statistics: WardStatisticsResult, zones: WeakZones | null) => void;
  addReports: (reports: ImportReport[], embedded: boolean) => void;
}

export type LayoutMessage = { key: 'layoutFailed'; reason: string } | null;

export function useLayouts({ request, ready, wards, workerRestarts, showUnits, regroupAnalysis, addReports }: UseLayoutsOptions) {
  const [info, setInfo] = useState<LayoutInfo | null>(null);
  const [switching, setSwitching] = useState<number | null>(null);
  const [message, setMessage] = useState<LayoutMessage>(null);
  const [comparison, setComparison] = useState<{ wards: Ward[]; value: LayoutComparison | null } | null>(null);
  /** Reads of the layout files a cancel swept away (a cancel rejects every pending request): each one reads again. */
  const [cancelledReads, setCancelledReads] = useState(0);
  const filesRef = useRef<LayoutFiles | null>(null);
  /** The units this hook put in the dataset: any other ward layer was loaded, and starts again at 2025. */
  const shownRef = useRef<Ward[] | null>(null);
  /** The loaded 2025 layer while the 2019 units are shown. */
  const loadedRef = useRef<Ward[] | null>(null);
  const reportedRef = useRef(false);
  const units2019Ref = useRef<Ward[] | null>(null);
  const layoutRef = useRef<ReportingLayout>('2025');
  layoutRef.current = info?.layout ?? '2025';

  // read the 2019 layout into the worker once the dataset is there, and into a restarted one
  useEffect(() => {
    if (!ready) return;
    let stale = false;
    (async () => {
      filesRef.current ??= await fetchLayoutFiles();
      const files = filesRef.current;
      const units2019 = files.units2019.map(copyOf);
      const crosswalk = copyOf(files.crosswalk);
      const response = await request('loadLayouts', { units2019, crosswalk }, { transfer: [...units2019, crosswalk].map((file) => file.bytes) });
      if (stale) return;
      if (!reportedRef.current) addReports(response.reports, true);
      reportedRef.current = true;
      if (layoutRef.current === '2019' && response.info.layout === '2025') {
        // a restarted worker holds the loaded 2025 layer: bring it back to the units the app shows
        const restored = await request('setLayout', { layout: '2019' });
        if (stale) return;
        showUnits(shownRef.current ?? restored.wards, restored.assignment, loadedRef.current);
        setInfo(restored.info);
        return;
      }
      setInfo(response.info);
    })().catch((error: unknown) => {
      if (stale) return;
      // the user's cancel was for the task in view (an analysis…), not for this background read: read again
      if (error instanceof CancelledError) setCancelledReads((count) => count + 1);
      else setMessage({ key: 'layoutFailed', reason: errorMessage(error) });
    });
    return () => {
      stale = true;
    };
  }, [ready, request, workerRestarts, cancelledReads, addReports, showUnits]);

  const apply = useCallback(
    async (layout: ReportingLayout) => {
      if (layout === layoutRef.current) return;
      setMessage(null);
      setSwitching(0);
      try {
        const response = await request('setLayout', { layout }, { onProgress: (_stage, fraction) => setSwitching(fraction) });
        // the app keeps each layer's objects, so what was computed on them (fibre reach…) holds when it comes back
        let units: Ward[];
        if (layout === '2019') {
          loadedRef.current ??= wardsRef.current;
          units = units2019Ref.current !== null && sameUnits(units2019Ref.current, response.wards) ? units2019Ref.current : response.wards;
          units2019Ref.current = units;
        } else {
          const loaded = loadedRef.current;
          units = loaded !== null && sameUnits(loaded, response.wards) ? loaded : response.wards;
          loadedRef.current = null;
        }
        shownRef.current = units;
        showUnits(units, response.assignment, loadedRef.current);
        if (response.statistics !== null) regroupAnalysis(units, response.statistics, response.zones);
        setInfo(response.info);
      } catch (error) {
        if (!(error instanceof CancelledError)) setMessage({ key: 'layoutFailed', reason: errorMessage(error) });
      } finally {
        setSwitching(null);
      }
    },
    [request, showUnits, regroupAnalysis],
  );

  const wardsRef = useRef(wards);
  wardsRef.current = wards;

  // another ward layer was loaded (an import): the worker starts it at 2025; ask whether the switch applies
  useEffect(() => {
    // the first layer, or one shown by a switch, needs no question (the empty list before the first layer is no
    // layer: taking it for one made the embedded units look imported, and the worker set back to 2025 meanwhile)
    if (shownRef.current === null && wards.length > 0) shownRef.current = wards;
    if (info === null || wards === shownRef.current || wards.length === 0) return;
    shownRef.current = wards;
    loadedRef.current = null;
    request('setLayout', { layout: '2025' })
      .then((response) => {
        setInfo(response.info);
        setComparison(null);
      })
      .catch(() => undefined);
  }, [info, wards, request]);

  /** Compares the crosswalk and point-in-polygon groupings (asked once per layer: it locates every household twice). */
  const compare = useCallback(async () => {
    const current = wardsRef.current;
    try {
      setComparison({ wards: current, value: await request('compareLayouts', null) });
    } catch (error) {
      if (!(error instanceof CancelledError)) setMessage({ key: 'layoutFailed', reason: errorMessage(error) });
    }
  }, [request]);

  return {
    info,
    layout: info?.layout ?? '2025',
    switching,
    message,
    switchTo: apply,
    comparison: comparison !== null && (comparison.wards === wards || info?.layout === '2019') ? comparison.value : null,
    compare,
  };
}

/** Same units, same order (a 2025 layer given back by the worker after a switch). */
function sameUnits(a: readonly Ward[], b: readonly Ward[]): boolean {
  return a.length === b.length && a.every((ward, w) => ward.id === b[w].id);
}
