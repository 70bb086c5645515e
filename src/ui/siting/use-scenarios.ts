/**
 * Saving, opening, exporting and importing scenarios (issue 5). Opening one applies its edits to the imported
 * cells, re-runs the analysis with its settings, puts its proposed sites back and restores its decisions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SignalThresholdsDbm } from '../../core/model.ts';
import { describeScenarioError, parseScenario, serializeScenario, type Scenario } from '../../io/scenario-file.ts';
import { downloadFile } from '../export/download.ts';
import { formatMb } from '../../worker/decode-bytes.ts';
import { translatorFor, type Language } from '../i18n.ts';
import { checkImportSize } from '../import-limit.ts';
import type { AppData } from '../use-dataset.ts';
import type { useAnalysis } from '../analysis/use-analysis.ts';
import { applyScenarioCells, buildScenario, sitesOfCells } from './scenario-state.ts';
import { summariseStatistics, type ScenarioSummary } from './scenario-compare.ts';
import { ScenarioSaveError, scenarioStore } from './scenario-store.ts';
import type { useProposals } from './use-proposals.ts';
import type { useProposedSites } from './use-proposed-sites.ts';

export type ScenarioNotice =
  | { key: 'scenarioSaved'; name: string }
  | { key: 'scenarioConflict'; name: string; savedAt: string }
  | { key: 'scenarioQuota' | 'scenarioUnavailable'; name: string }
  | { key: 'scenarioApplied'; name: string; edited: number; sites: number; decisions: number; missing: string[] }
  | { key: 'scenarioErrors'; lines: string[] }
  | null;

interface UseScenariosOptions {
  data: AppData;
  api: ReturnType<typeof useAnalysis>;
  proposed: ReturnType<typeof useProposedSites>;
  proposals: ReturnType<typeof useProposals>;
  setThresholds: (thresholds: SignalThresholdsDbm) => void;
  language: Language;
  /** Called when a scenario starts to open (it replaces the edits of the session). */
  onOpen?: () => void;
}

export function useScenarios({ data, api, proposed, proposals, setThresholds, language, onOpen }: UseScenariosOptions) {
  const [saved, setSaved] = useState<Array<{ name: string; savedAt: string | null }>>([]);
  const [notice, setNotice] = useState<ScenarioNotice>(null);
  /** Per scenario name, the saved revision this tab's state started from (opened, imported or saved here). */
  const revisions = useRef(new Map<string, number>());

  const refresh = useCallback(async () => setSaved(await scenarioStore.list().catch(() => [])), []);
  useEffect(() => void refresh(), [refresh]);

  const current = useCallback(
    (name: string): Scenario | null => {
      const { analysis } = api;
      if (analysis === null) return null;
      return buildScenario(
        {
          name,
          settings: analysis.settings,
          edited: api.editedCells(),
          added: proposed.sites.flatMap((site) => site.cells),
          decisions: [...proposals.decisions.values()],
        },
        new Date().toISOString(),
        revisions.current.get(name) ?? 0,
      );
    },
    [api, proposed.sites, proposals.decisions],
  );

  const save = useCallback(
    async (name: string) => {
      const scenario = current(name);
      const { analysis } = api;
      if (scenario === null || analysis === null) return;
      try {
        const saved = await scenarioStore.save(scenario, summariseStatistics(analysis.statistics, analysis.settings.technology, analysis.settings.operator));
        revisions.current.set(name, saved.revision);
        setNotice({ key: 'scenarioSaved', name });
      } catch (error) {
        // nothing was written: the browser's copy and this tab's state are both intact
        if (!(error instanceof ScenarioSaveError)) throw error;
        if (error.kind === 'conflict') setNotice({ key: 'scenarioConflict', name, savedAt: error.stored?.savedAt?.slice(0, 16).replace('T', ' ') ?? '?' });
        else setNotice({ key: error.kind === 'quota' ? 'scenarioQuota' : 'scenarioUnavailable', name });
      }
      await refresh();
    },
    [api, current, refresh],
  );

  const exportFile = useCallback(
    (name: string) => {
      const scenario = current(name);
      if (scenario !== null) downloadFile(`${name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.phusong.json`, serializeScenario(scenario), 'application/json');
    },
    [current],
  );

  const apply = useCallback(
    async (scenario: Scenario) => {
      revisions.current.set(scenario.name, scenario.revision);
      onOpen?.();
      const { cells, edited, missing } = applyScenarioCells(data.cells, scenario);
      proposed.clear();
      await api.applyCellEdits(cells, edited);
      setThresholds(scenario.settings.thresholdsDbm);
      await api.run(scenario.settings.technology, scenario.settings.operator, scenario.settings.thresholdsDbm);
      const sites = sitesOfCells(scenario.cells.added);
      await proposed.addScenarioSites(sites);
      proposals.restore(scenario.decisions);
      setNotice({ key: 'scenarioApplied', name: scenario.name, edited: edited.length, sites: sites.length, decisions: scenario.decisions.length, missing });
    },
    [api, data.cells, proposed, proposals, setThresholds, onOpen],
  );

  const open = useCallback(
    async (name: string) => {
      const result = await scenarioStore.load(name);
      if (result === null) return;
      if (!result.ok) setNotice({ key: 'scenarioErrors', lines: result.errors.map((error) => describeScenarioError(error, language)) });
      else await apply(result.scenario);
    },
    [apply, language],
  );

  const importFile = useCallback(
    async (file: File) => {
      const oversize = await checkImportSize(file);
      if (oversize !== null) {
        const params = { file: file.name, size: formatMb(oversize.sizeBytes), limit: formatMb(oversize.limitBytes) };
        setNotice({ key: 'scenarioErrors', lines: [translatorFor(language)('errorFileTooLarge', params)] });
        return;
      }
      const result = parseScenario(await file.text());
      if (!result.ok) setNotice({ key: 'scenarioErrors', lines: result.errors.map((error) => describeScenarioError(error, language)) });
      else await apply(result.scenario);
    },
    [apply, language],
  );

  const remove = useCallback(
    async (name: string) => {
      await scenarioStore.remove(name);
      revisions.current.delete(name);
      await refresh();
    },
    [refresh],
  );

  const summaryOf = useCallback((name: string): Promise<ScenarioSummary | null> => scenarioStore.summary(name), []);

  return { saved, notice, save, exportFile, open, importFile, remove, summaryOf };
}
