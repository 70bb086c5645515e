/**
 * Saving, opening, exporting and importing scenarios (issue 5). Opening one applies its edits to the imported
 * cells, re-runs the analysis with its settings, puts its proposed sites back and restores its decisions.
 */
import { useCallback, useEffect, useState } from 'react';
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
import { deleteScenario, listScenarios, loadScenario, loadSummary, saveScenario } from './scenario-store.ts';
import type { useProposals } from './use-proposals.ts';
import type { useProposedSites } from './use-proposed-sites.ts';

export type ScenarioNotice =
  | { key: 'scenarioSaved'; name: string }
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
}

export function useScenarios({ data, api, proposed, proposals, setThresholds, language }: UseScenariosOptions) {
  const [saved, setSaved] = useState<Array<{ name: string; savedAt: string | null }>>([]);
  const [notice, setNotice] = useState<ScenarioNotice>(null);

  const refresh = useCallback(async () => setSaved(await listScenarios().catch(() => [])), []);
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
      );
    },
    [api, proposed.sites, proposals.decisions],
  );

  const save = useCallback(
    async (name: string) => {
      const scenario = current(name);
      const { analysis } = api;
      if (scenario === null || analysis === null) return;
      await saveScenario(scenario, summariseStatistics(analysis.statistics, analysis.settings.technology, analysis.settings.operator));
      setNotice({ key: 'scenarioSaved', name });
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
      const { cells, edited, missing } = applyScenarioCells(data.cells, scenario);
      await api.applyCellEdits(cells, edited);
      setThresholds(scenario.settings.thresholdsDbm);
      await api.run(scenario.settings.technology, scenario.settings.operator, scenario.settings.thresholdsDbm);
      const sites = sitesOfCells(scenario.cells.added);
      await proposed.addChosenSites(sites);
      proposals.restore(scenario.decisions);
      setNotice({ key: 'scenarioApplied', name: scenario.name, edited: edited.length, sites: sites.length, decisions: scenario.decisions.length, missing });
    },
    [api, data.cells, proposed, proposals, setThresholds],
  );

  const open = useCallback(
    async (name: string) => {
      const result = await loadScenario(name);
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
      await deleteScenario(name);
      await refresh();
    },
    [refresh],
  );

  const summaryOf = useCallback((name: string): Promise<ScenarioSummary | null> => loadSummary(name), []);

  return { saved, notice, save, exportFile, open, importFile, remove, summaryOf };
}
