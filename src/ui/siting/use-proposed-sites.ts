/**
 * Proposed sites for the live what-if (issue 5): added at a map point from the technology's template, dragged
 * (the latest position is sent as soon as the previous update is answered, so a drag never queues up work) and
 * deleted. Their cells live in the worker's analysis only (appended after the imported cells); a new analysis
 * (a re-run) starts from the imported cells, so the sites are added again to it and take part in it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell } from '../../core/model.ts';
import type { ChosenSite } from '../../core/siting/select-new-sites.ts';
import { DEFAULT_NEW_SITE_OPERATOR, cellsOfSite, defaultSiteTemplate } from '../../core/siting/site-templates.ts';
import type { useAnalysis } from '../analysis/use-analysis.ts';

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

export function useProposedSites(api: ReturnType<typeof useAnalysis>) {
  const [sites, setSites] = useState<ProposedSite[]>([]);
  const sitesRef = useRef<ProposedSite[]>([]);
  const nextNumber = useRef(1);
  const moving = useRef(new Map<string, { busy: boolean; pending: [number, number] | null }>());
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

  const place = useCallback(
    async (siteId: string, cells: Cell[]) => {
      const cellIndices = await addCells(cells);
      if (cellIndices === null) return;
      commit([...sitesRef.current, { siteId, lon: cells[0].lon, lat: cells[0].lat, cells, cellIndices, generation: currentGeneration() }]);
    },
    [addCells, currentGeneration],
  );

  /** Adds a site of the analysed technology (and operator) at a point, from the default template. */
  const addSite = useCallback(
    async (lon: number, lat: number) => {
      if (analysis === null) return;
      const { technology, operator } = analysis.settings;
      const template = { ...defaultSiteTemplate(technology), operator: operator ?? DEFAULT_NEW_SITE_OPERATOR };
      const siteId = `P-${String(nextNumber.current++).padStart(3, '0')}`;
      await place(siteId, cellsOfSite(siteId, lon, lat, template, 'proposed'));
    },
    [analysis, place],
  );

  /** Adds sites with their own ids and cells (chosen by automatic siting, or from a scenario). */
  const addChosenSites = useCallback(
    async (chosen: ReadonlyArray<Pick<ChosenSite, 'siteId' | 'cells'>>) => {
      for (const site of chosen) {
        // sites of an earlier analysis are gone from the worker: only the current ones count as present
        const generationNow = currentGeneration();
        if (sitesRef.current.some((existing) => existing.generation === generationNow && existing.siteId === site.siteId)) continue;
        await place(site.siteId, site.cells);
      }
    },
    [place, currentGeneration],
  );

  const moveSite = useCallback(
    async (siteId: string, lon: number, lat: number) => {
      const state = moving.current.get(siteId) ?? { busy: false, pending: null };
      moving.current.set(siteId, state);
      state.pending = [lon, lat];
      if (state.busy) return;
      state.busy = true;
      while (state.pending !== null) {
        const [nextLon, nextLat] = state.pending;
        state.pending = null;
        const site = sitesRef.current.find((candidate) => candidate.siteId === siteId);
        if (site === undefined) break;
        const cells = site.cells.map((cell) => ({ ...cell, lon: nextLon, lat: nextLat }));
        if ((await replaceEngineCells(site.cellIndices, cells)) === null) break;
        commit(sitesRef.current.map((candidate) => (candidate.siteId === siteId ? { ...candidate, lon: nextLon, lat: nextLat, cells } : candidate)));
      }
      state.busy = false;
    },
    [replaceEngineCells, currentGeneration],
  );

  const deleteSite = useCallback(
    async (siteId: string) => {
      const site = sitesRef.current.find((candidate) => candidate.siteId === siteId);
      if (site === undefined) return;
      if ((await removeCells(site.cellIndices)) === null) return;
      commit(sitesRef.current.filter((candidate) => candidate.siteId !== siteId));
    },
    [removeCells, currentGeneration],
  );

  return { sites: sites.filter((site) => site.generation === generation), addSite, addChosenSites, moveSite, deleteSite, clear };
}
