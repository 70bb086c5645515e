/**
 * Proposed sites for the live what-if (issue 5): added at a map point from the technology's template, dragged
 * (the latest position is sent as soon as the previous update is answered, so a drag never queues up work) and
 * deleted. Their cells live in the worker's analysis only (appended after the imported cells); a new analysis
 * (a re-run) starts from the imported cells, so the sites are added again to it and take part in it.
 *
 * The user's additions, deletions and drags are reported to `onEdit` (the undo history); `restoreSites`,
 * `removeSites` and `moveSite` are how the history applies them back without recording them again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell } from '../../core/model.ts';
import type { ChosenSite } from '../../core/siting/select-new-sites.ts';
import { DEFAULT_NEW_SITE_OPERATOR, cellsOfSite, defaultSiteTemplate } from '../../core/siting/site-templates.ts';
import type { useAnalysis } from '../analysis/use-analysis.ts';
import type { Edit, LonLat, SiteCells } from '../history/edit-history.ts';

export interface ProposedSite {
  siteId: string;
  lon: number;
  lat: number;
  cells: Cell[];
  /** Indices of its cells in the worker's analysis. */
  cellIndices: number[];
  /** The analysis it was added to: it ends with it. */
  generation: number;
}

export function useProposedSites(api: ReturnType<typeof useAnalysis>, onEdit: (edit: Edit) => void = () => undefined) {
  const [sites, setSites] = useState<ProposedSite[]>([]);
  const sitesRef = useRef<ProposedSite[]>([]);
  const nextNumber = useRef(1);
  /** Per site being moved: the next position to send and the running update (a drag sends only the latest). */
  const moving = useRef(new Map<string, { pending: [number, number] | null; done: Promise<boolean> | null }>());
  /**
   * Engine slots of sites deleted from the current analysis (removed cells keep their index reserved): a site put
   * back (undo) takes its own slots again, so the analysis is again exactly what it was, cell indices included.
   */
  const freed = useRef(new Map<string, { cellIndices: number[]; generation: number }>());
  const { analysis, addCells, replaceEngineCells, removeCells, currentGeneration } = api;
  const generation = analysis?.generation ?? 0;

  // sites of another analysis are not in the worker's: they wait to be carried into the new one (below)
  const commit = (next: ProposedSite[]) => {
    const current = currentGeneration();
    sitesRef.current = next.filter((site) => site.generation === current);
    setSites(sitesRef.current);
  };

  // a re-run (a new analysis) keeps the proposed sites: their cells are added to it, in their order
  const carrying = useRef(false);
  useEffect(() => {
    const carried = sitesRef.current.filter((site) => site.generation !== generation);
    if (generation === 0 || carried.length === 0 || carrying.current) return;
    carrying.current = true;
    void (async () => {
      const kept: ProposedSite[] = [];
      for (const site of carried) {
        const cellIndices = await addCells(site.cells);
        if (cellIndices === null) break;
        kept.push({ ...site, cellIndices, generation: currentGeneration() });
      }
      carrying.current = false;
      commit([...sitesRef.current.filter((site) => site.generation === currentGeneration()), ...kept]);
    })();
  }, [generation, addCells, currentGeneration]);

  /** Forgets every proposed site (a scenario opened brings its own). */
  const clear = useCallback(() => {
    sitesRef.current = [];
    setSites([]);
  }, []);

  /** Adds a site's cells to the analysis (into its own freed slots when it was deleted from this one); false when refused. */
  const place = useCallback(
    async (siteId: string, cells: Cell[]): Promise<boolean> => {
      const generationNow = currentGeneration();
      const slots = freed.current.get(siteId);
      const reuse = slots !== undefined && slots.generation === generationNow && slots.cellIndices.length === cells.length;
      const cellIndices = reuse ? await replaceEngineCells(slots.cellIndices, cells).then((done) => (done === null ? null : slots.cellIndices)) : await addCells(cells);
      if (cellIndices === null) return false;
      freed.current.delete(siteId);
      commit([...sitesRef.current, { siteId, lon: cells[0].lon, lat: cells[0].lat, cells, cellIndices, generation: currentGeneration() }]);
      return true;
    },
    [addCells, replaceEngineCells, currentGeneration],
  );

  /** Adds a site of the analysed technology (and operator) at a point, from the default template. */
  const addSite = useCallback(
    async (lon: number, lat: number) => {
      if (analysis === null) return;
      const { technology, operator } = analysis.settings;
      const template = { ...defaultSiteTemplate(technology), operator: operator ?? DEFAULT_NEW_SITE_OPERATOR };
      const siteId = `P-${String(nextNumber.current++).padStart(3, '0')}`;
      const cells = cellsOfSite(siteId, lon, lat, template, 'proposed');
      if (await place(siteId, cells)) onEdit({ kind: 'addSites', sites: [{ siteId, cells }] });
    },
    [analysis, place, onEdit],
  );

  /** Puts sites into the analysis, skipping those already there; resolves to the sites added, null when refused. */
  const restoreSites = useCallback(
    async (chosen: readonly SiteCells[]): Promise<SiteCells[] | null> => {
      const added: SiteCells[] = [];
      for (const site of chosen) {
        // sites of an earlier analysis are gone from the worker: only the current ones count as present
        const generationNow = currentGeneration();
        if (sitesRef.current.some((existing) => existing.generation === generationNow && existing.siteId === site.siteId)) continue;
        if (!(await place(site.siteId, [...site.cells]))) return null;
        added.push(site);
      }
      return added;
    },
    [place, currentGeneration],
  );

  /** Adds sites with their own ids and cells (chosen by automatic siting); one edit for them all. */
  const addChosenSites = useCallback(
    async (chosen: ReadonlyArray<Pick<ChosenSite, 'siteId' | 'cells'>>) => {
      const added = await restoreSites(chosen);
      if (added !== null && added.length > 0) onEdit({ kind: 'addSites', sites: added });
    },
    [restoreSites, onEdit],
  );

  /** Adds a scenario's sites (opening a scenario is not an edit to undo). */
  const addScenarioSites = useCallback(async (chosen: readonly SiteCells[]) => void (await restoreSites(chosen)), [restoreSites]);

  /**
   * Moves a site's cells (every drag event, and undo/redo of a drag); resolves once the latest position asked is
   * in the analysis, to false when the site is gone or the worker refused.
   */
  const moveSite = useCallback(
    (siteId: string, lon: number, lat: number): Promise<boolean> => {
      const state = moving.current.get(siteId) ?? { pending: null, done: null };
      moving.current.set(siteId, state);
      state.pending = [lon, lat];
      // a drag in progress: this position is sent when the current update is answered
      if (state.done !== null) return state.done;
      const run = async () => {
        let moved = true;
        while (state.pending !== null) {
          const [nextLon, nextLat] = state.pending;
          state.pending = null;
          const site = sitesRef.current.find((candidate) => candidate.siteId === siteId);
          moved = site !== undefined;
          if (site === undefined) break;
          const cells = site.cells.map((cell) => ({ ...cell, lon: nextLon, lat: nextLat }));
          moved = (await replaceEngineCells(site.cellIndices, cells)) !== null;
          if (!moved) break;
          commit(sitesRef.current.map((candidate) => (candidate.siteId === siteId ? { ...candidate, lon: nextLon, lat: nextLat, cells } : candidate)));
        }
        return moved;
      };
      const done = run().finally(() => {
        if (state.done === done) state.done = null;
      });
      state.done = done;
      return done;
    },
    [replaceEngineCells, currentGeneration],
  );

  /**
   * Records a finished drag (the marker's position when it started and where it was dropped) as one edit, once the
   * drop position is in the analysis.
   */
  const recordMove = useCallback(
    async (siteId: string, from: LonLat, to: LonLat) => {
      const moved = await (moving.current.get(siteId)?.done ?? true);
      if (moved && (from[0] !== to[0] || from[1] !== to[1])) onEdit({ kind: 'moveSite', siteId, from, to });
    },
    [onEdit],
  );

  /** Takes sites out of the analysis, keeping their slots for an undo; resolves to the sites removed, null when refused. */
  const removeSites = useCallback(
    async (siteIds: readonly string[]): Promise<SiteCells[] | null> => {
      const removed: SiteCells[] = [];
      for (const siteId of siteIds) {
        const site = sitesRef.current.find((candidate) => candidate.siteId === siteId);
        if (site === undefined) continue;
        if ((await removeCells(site.cellIndices)) === null) return null;
        freed.current.set(siteId, { cellIndices: site.cellIndices, generation: site.generation });
        commit(sitesRef.current.filter((candidate) => candidate.siteId !== siteId));
        removed.push({ siteId, cells: site.cells });
      }
      return removed;
    },
    [removeCells, currentGeneration],
  );

  const deleteSite = useCallback(
    async (siteId: string) => {
      const removed = await removeSites([siteId]);
      if (removed !== null && removed.length > 0) onEdit({ kind: 'deleteSites', sites: removed });
    },
    [removeSites, onEdit],
  );

  return {
    sites: sites.filter((site) => site.generation === generation),
    addSite,
    addChosenSites,
    addScenarioSites,
    moveSite,
    recordMove,
    deleteSite,
    restoreSites,
    removeSites,
    clear,
  };
}
