/**
 * The "Trạm mới / New sites" tab (issue 5): proposed sites added on the map from the technology's template,
 * dragged and deleted with the households moved out of weak/none shown live (city and per ward), and automatic
 * siting in the worker with its result put on the map or exported (CSV, GeoJSON, KML), and the review of
 * operators' proposals and the scenarios.
 */
import { useMemo, useState } from 'react';
import { DEFAULT_SETTINGS } from '../../core/model.ts';
import { defaultSiteTemplate } from '../../core/siting/site-templates.ts';
import { newSitesGeoJson, newSitesTable } from '../../io/site-rows.ts';
import { sitesToKml } from '../../io/export-kml.ts';
import { exportBaseName, downloadCsv } from '../export/analysis-exports.ts';
import { MIME_GEOJSON, downloadFile } from '../export/download.ts';
import { GeoExportButtons } from '../export/GeoExportButtons.tsx';
import { formatCount, formatDecimal, formatLatLon, formatPercent } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { OpenAnalysisButton } from '../analysis/OpenAnalysisButton.tsx';
import { translatorFor, type Language } from '../i18n.ts';
import type { NewSitesPlan } from '../../core/siting/select-new-sites.ts';
import type { useAnalysis } from '../analysis/use-analysis.ts';
import { ProposalsSection } from './ProposalsSection.tsx';
import { ScenarioSection } from './ScenarioSection.tsx';
import type { useScenarios } from './use-scenarios.ts';
import type { useAutoSiting } from './use-auto-siting.ts';
import type { useProposals } from './use-proposals.ts';
import type { useProposedSites } from './use-proposed-sites.ts';
import { whatIfRows } from './what-if.ts';
import '../analysis/analysis.css';

interface SitingPanelProps {
  analysis: ReturnType<typeof useAnalysis>;
  proposed: ReturnType<typeof useProposedSites>;
  auto: ReturnType<typeof useAutoSiting>;
  proposals: ReturnType<typeof useProposals>;
  scenarios: ReturnType<typeof useScenarios>;
  placing: boolean;
  onPlacing: (placing: boolean) => void;
  onSelectWard: (wardIndex: number) => void;
  /** Opens the Analysis tab, where the run is (from the hint shown before any analysis). */
  onOpenAnalysis: () => void;
}

export function SitingPanel({ analysis: api, proposed, auto, proposals, scenarios, placing, onPlacing, onSelectWard, onOpenAnalysis }: SitingPanelProps) {
  const { language, t } = useI18n();
  const { analysis } = api;
  const [goalKind, setGoalKind] = useState<'count' | 'target-pct'>('count');
  const [goalValue, setGoalValue] = useState('10');
  const [exact, setExact] = useState(false);
  const rows = useMemo(
    () => (analysis === null ? [] : whatIfRows(analysis.baselineWards, analysis.statistics.wards)),
    [analysis],
  );

  if (analysis === null) {
    // a target's closing plan (targets tab) is shown without an analysis of the user's own
    const technology = auto.result?.origin?.technology;
    return (
      <div className="analysis-panel siting-panel">
        <p className="panel-empty">
          {t('sitingNeedsAnalysis')} <OpenAnalysisButton onClick={onOpenAnalysis} />
        </p>
        {auto.result !== null && auto.result.origin !== null && technology !== undefined && (
          <section className="panel-section">
            <AutoSitingResult auto={auto} proposed={proposed} baseName={exportBaseName('new_sites', { ...DEFAULT_SETTINGS, technology })} canAdd={false} />
          </section>
        )}
        <ScenarioSection scenarios={scenarios} canSave={false} />
      </div>
    );
  }

  const { settings } = analysis;
  const template = defaultSiteTemplate(settings.technology);
  const weakBefore = analysis.baseline.weak + analysis.baseline.none;
  const weakNow = analysis.statistics.total.weak + analysis.statistics.total.none;
  const goalNumber = Number(goalValue.replace(',', '.'));
  const goalValid = goalKind === 'count' ? Number.isInteger(goalNumber) && goalNumber >= 1 && goalNumber <= 500 : goalNumber > 0 && goalNumber <= 100;
  const baseName = exportBaseName('new_sites', settings);

  return (
    <div className="analysis-panel siting-panel" data-moved-out={weakBefore - weakNow} data-update-ms={analysis.lastUpdate?.ms.toFixed(1)}>
      <section className="panel-section">
        <h2>{t('sitingTitle')}</h2>
        <p className="analysis-change" data-testid="siting-moved-out">
          {t('sitingMovedOut', { n: formatCount(weakBefore - weakNow, language) })}
        </p>
        <p className="hint">
          {t('sitingWeakNow', { before: formatCount(weakBefore, language), after: formatCount(weakNow, language) })}
          {analysis.lastUpdate !== null &&
            ` · ${t('analysisUpdateMs', { ms: formatDecimal(analysis.lastUpdate.ms, language, 1), n: formatCount(analysis.lastUpdate.changedPoints, language) })}`}
        </p>
        {rows.length === 0 ? (
          <p className="hint">{t('sitingNoChange')}</p>
        ) : (
          <table className="what-if-table">
            <thead>
              <tr>
                <th>{t('wardColumnName')}</th>
                <th className="numeric">{t('sitingBefore')}</th>
                <th className="numeric">{t('sitingAfter')}</th>
                <th className="numeric">{t('sitingMoved')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 12).map((row) => (
                <tr key={row.wardIndex} onClick={() => onSelectWard(row.wardIndex)}>
                  <td>{row.wardName}</td>
                  <td className="numeric">{formatCount(row.weakBefore, language)}</td>
                  <td className="numeric">{formatCount(row.weakAfter, language)}</td>
                  <td className="numeric">{formatCount(row.movedOut, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel-section">
        <p className="hint">
          {t('sitingTemplate', {
            technology: template.technology,
            band: formatCount(template.bandMhz, language),
            height: formatDecimal(template.heightM, language, 0),
            sectors: template.azimuthsDeg.length,
            power: formatDecimal(template.rsPowerDbm, language, 1),
          })}
        </p>
        <div className="export-buttons">
          <button type="button" className={`button button-small ${placing ? 'active' : ''}`} data-action="add-site" aria-pressed={placing} onClick={() => onPlacing(!placing)}>
            {placing ? t('sitingStopPlacing') : t('sitingAdd')}
          </button>
        </div>
        {placing && <p className="hint placing-hint">{t('sitingPlacing')}</p>}
        <h2 className="subheading">{t('sitingProposed', { n: formatCount(proposed.sites.length, language) })}</h2>
        <ul className="proposed-list">
          {proposed.sites.map((site) => (
            <li key={site.siteId} data-site-id={site.siteId}>
              <strong>{site.siteId}</strong>
              <span className="extension-detail">
                {formatLatLon(site.lat, site.lon, language)}
              </span>
              <button type="button" className="link-button" onClick={() => void proposed.deleteSite(site.siteId)}>
                {t('sitingDelete')}
              </button>
            </li>
          ))}
        </ul>
        <p className="hint">{t('sitingDragHint')}</p>
        {analysis.lastUpdate !== null && <p className="hint">{t('analysisZonesStale')}</p>}
      </section>

      <section className="panel-section">
        <h2>{t('sitingAuto')}</h2>
        <form
          className="fibre-plan-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!goalValid) return;
            void auto.run(goalKind === 'count' ? { kind: 'count', count: goalNumber } : { kind: 'target-pct', pct: goalNumber }, exact);
          }}
        >
          <label>
            <select value={goalKind} onChange={(event) => setGoalKind(event.target.value as 'count' | 'target-pct')}>
              <option value="count">{t('sitingGoalCount')}</option>
              <option value="target-pct">{t('sitingGoalTarget')}</option>
            </select>
          </label>
          <label>
            <input type="text" inputMode="decimal" value={goalValue} aria-invalid={!goalValid} name="siting-goal" onChange={(event) => setGoalValue(event.target.value)} />
          </label>
          <label className="check-row siting-exact">
            <input type="checkbox" checked={exact} onChange={(event) => setExact(event.target.checked)} />
            {t('sitingExact')}
          </label>
          <button type="submit" className="button" data-action="plan-sites" disabled={auto.progress !== null || !goalValid}>
            {t('sitingRun')}
          </button>
        </form>
        {auto.progress !== null && (
          <div className="analysis-progress" role="status" aria-live="polite">
            <div className="progress-track">
              <div className="progress-fill" style={{ width: `${Math.max(4, Math.round(auto.progress * 100))}%` }} />
            </div>
            <span className="progress-stage">{t('stageSiting')}</span>
            <button type="button" className="button button-small" onClick={auto.cancel}>
              {t('cancel')}
            </button>
          </div>
        )}
        {auto.error !== null && <p className="field-error">{t('analysisFailed', { reason: auto.error })}</p>}
        {auto.result !== null && <AutoSitingResult auto={auto} proposed={proposed} baseName={baseName} canAdd />}
      </section>

      <ProposalsSection proposals={proposals} />
      <ScenarioSection scenarios={scenarios} canSave />
    </div>
  );
}

/** The chosen sites of the last automatic siting, or of a target's closing plan: figures, list, exports. */
function AutoSitingResult({ auto, proposed, baseName, canAdd }: { auto: ReturnType<typeof useAutoSiting>; proposed: ReturnType<typeof useProposedSites>; baseName: string; canAdd: boolean }) {
  const { language, t } = useI18n();
  if (auto.result === null) return null;
  const { plan, origin } = auto.result;
  const households = plan.households.total;
  return (
    <div className="siting-result" data-testid="siting-result" data-sites={plan.sites.length} data-origin={origin?.targetId ?? ''}>
      {origin !== null && (
        <p className="siting-origin" data-testid="siting-origin">
          {t('sitingForTarget', { target: origin.name, technology: origin.technology })}
        </p>
      )}
      <p className="analysis-change">
        {t('sitingResult', {
          n: formatCount(plan.sites.length, language),
          method: t(plan.method === 'exact' ? 'sitingMethodExact' : 'sitingMethodGreedy'),
          before: formatPercent(households > 0 ? (plan.households.outBefore * 100) / households : 0, language),
          after: formatPercent(households > 0 ? (plan.households.outAfter * 100) / households : 0, language),
        })}
      </p>
      {plan.method === 'exact' ? (
        <p className="hint">
          {plan.optimalityGap?.proven ? t('sitingExactProven') : t('sitingExactGap', { gap: gapText(plan.optimalityGap, language) })}
        </p>
      ) : (
        <p className="hint">{t('sitingGreedyNote', { gap: gapText(plan.optimalityGap, language) })}</p>
      )}
      {plan.fallbackReason !== null && <p className="hint">{t('sitingFallback', { reason: plan.fallbackReason })}</p>}
      <p className="hint" data-testid="siting-explanation">
        {t('sitingCandidates', { n: formatCount(auto.result.candidates, language), ms: formatCount(auto.result.timingMs, language) })}{' '}
        {t('sitingWhy')}
      </p>
      {auto.stale && <p className="field-error">{t('sitingResultStale')}</p>}
      <ol className="chosen-list">
        {plan.sites.slice(0, 50).map((site) => (
          <li key={site.siteId}>
            <strong>{site.siteId}</strong>
            <span className="chosen-gain">{t('sitingGained', { n: formatCount(site.householdsGained, language) })}</span>
            <span className="extension-detail">{site.wards.slice(0, 2).map((ward) => ward.wardName).join(', ')}</span>
          </li>
        ))}
      </ol>
      <div className="export-buttons">
        {canAdd && (
          <button type="button" className="button button-small" data-action="add-chosen" onClick={() => void proposed.addChosenSites(plan.sites)}>
            {t('sitingAddAll')}
          </button>
        )}
        <button
          type="button"
          className="button button-small"
          data-export="sites-csv"
          onClick={() => downloadCsv({ name: 'new_sites', ...newSitesTable(plan.sites) }, baseName)}
        >
          {t('sitingExportCsv')}
        </button>
        <button
          type="button"
          className="button button-small"
          data-export="sites-geojson"
          onClick={() => downloadFile(`${baseName}.geojson`, JSON.stringify(newSitesGeoJson(plan.sites)), MIME_GEOJSON)}
        >
          {t('sitingExportGeojson')}
        </button>
      </div>
      <GeoExportButtons
        id="sites"
        baseName={baseName}
        table={() => ({ name: 'new_sites', ...newSitesTable(plan.sites) })}
        collection={() => newSitesGeoJson(plan.sites)}
        // one placemark per site with its cells, as `phusong plan-sites` writes it (not one per cell at the same point)
        kml={() => sitesToKml(plan.sites.map((site) => ({ ...site, data: { households_gained: site.householdsGained } })), baseName)}
      />
    </div>
  );
}

/** The optimality gap in words: a share of households (count goal) or extra sites (target goal), or "unknown". */
function gapText(gap: NewSitesPlan['optimalityGap'], language: Language): string {
  const t = translatorFor(language);
  if (gap === null) return t('sitingUnknown');
  if (gap.relative !== null) return formatPercent(gap.relative * 100, language);
  if (gap.sites !== null) return t('sitingGapSites', { n: formatCount(gap.sites, language) });
  return t('sitingUnknown');
}
