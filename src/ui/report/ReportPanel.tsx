/**
 * The report view (issue 10): the planner picks the scope (the city, one unit or a selection, in the 2025 or the
 * 2019 layout), ticks the sections, and downloads the PDF, the XLSX workbook or the HTML print version. The
 * worker builds the report from its current state; this view only gathers the choices and dispatches.
 */
import { useMemo, useState } from 'react';
import { reportText } from '../../core/report/report-i18n.ts';
import { REPORT_SECTIONS } from '../../core/report/report-model.ts';
import type { Ward } from '../../core/model.ts';
import type { ProgressStage, UnitNote } from '../../worker/protocol.ts';
import { TaskProgress } from '../analysis/TaskStatus.tsx';
import type { DictionaryKey } from '../i18n.ts';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { OpenAnalysisButton } from '../analysis/OpenAnalysisButton.tsx';
import { rankBySearch, searchTextOf } from '../search-text.ts';
import type { useLayouts } from '../targets/use-layouts.ts';
import type { ReportAction, ScopeKind, useReport } from './use-report.ts';
import './report.css';

const FORMATS: ReadonlyArray<{ format: ReportAction; label: 'reportPdf' | 'reportXlsx' | 'reportHtml' | 'reportPrint' }> = [
  { format: 'pdf', label: 'reportPdf' },
  { format: 'xlsx', label: 'reportXlsx' },
  { format: 'html', label: 'reportHtml' },
  { format: 'print', label: 'reportPrint' },
];
const SCOPES: ReadonlyArray<{ kind: ScopeKind; label: 'reportScopeCity' | 'reportScopeUnit' | 'reportScopeSelection' }> = [
  { kind: 'city', label: 'reportScopeCity' },
  { kind: 'unit', label: 'reportScopeUnit' },
  { kind: 'selection', label: 'reportScopeSelection' },
];

/** The worker's stages while it makes a report. */
const STAGE_LABELS: Partial<Record<ProgressStage, DictionaryKey>> = {
  analyse: 'stageAnalyse',
  statistics: 'stageStatistics',
  zones: 'stageZones',
  heatmap: 'stageHeatmap',
  fibre: 'stageFibre',
  fibrePlan: 'stageFibrePlan',
  siting: 'stageSiting',
  report: 'stageReport',
};

interface ReportPanelProps {
  report: ReturnType<typeof useReport>;
  onCancel: () => void;
  layouts: ReturnType<typeof useLayouts>;
  wards: readonly Ward[];
  analysed: boolean;
  organisation: string;
  /** Opens the Analysis tab, where the run is (from the hint shown before any analysis). */
  onOpenAnalysis: () => void;
}

export function ReportPanel({ report, onCancel, layouts, wards, analysed, organisation, onOpenAnalysis }: ReportPanelProps) {
  const { language, t } = useI18n();
  const [filter, setFilter] = useState('');
  const notes: readonly UnitNote[] = layouts.info?.notes ?? [];
  const units = useMemo(
    () =>
      wards
        .map((ward, w) => {
          const districts = notes[w]?.formerDistricts.join(', ') ?? ward.district ?? '';
          return { id: ward.id, name: ward.name, districts, searchText: searchTextOf(`${ward.name} ${ward.id}`, districts) };
        })
        .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
    [wards, notes],
  );
  // ranked as every unit table (whole words, the whole name first, a former district counted only whole)
  const shown = useMemo(() => rankBySearch(units, (unit) => unit.searchText, filter), [units, filter]);
  const chosen = new Set(report.unitIds);
  const available = layouts.info?.available === true;
  const ready = analysed && report.scope !== null && report.sections.size > 0;

  const pick = (id: string) => {
    if (report.scopeKind === 'unit') report.setUnitIds([id]);
    else report.setUnitIds(chosen.has(id) ? report.unitIds.filter((other) => other !== id) : [...report.unitIds, id]);
  };

  return (
    <section className="panel-section report-view" data-section="report">
      <h2>{t('reportTitle')}</h2>
      <p className="hint">{t('reportIntro', { organisation })}</p>

      <fieldset className="report-field" data-field="layout">
        <legend>{t('reportLayout')}</legend>
        <div className="report-choices">
          {(['2025', '2019'] as const).map((layout) => (
            <button
              key={layout}
              type="button"
              className={`report-toggle ${layouts.layout === layout ? 'active' : ''}`}
              aria-pressed={layouts.layout === layout}
              data-report-layout={layout}
              disabled={!available || layouts.switching !== null}
              onClick={() => {
                report.setUnitIds([]);
                void layouts.switchTo(layout);
              }}
            >
              {t(layout === '2025' ? 'layoutOption2025' : 'layoutOption2019')}
            </button>
          ))}
        </div>
        <p className="hint">{t('reportLayoutHint', { count: formatCount(wards.length, language) })}</p>
      </fieldset>

      <fieldset className="report-field" data-field="scope">
        <legend>{t('reportScope')}</legend>
        <div className="report-choices">
          {SCOPES.map(({ kind, label }) => (
            <label key={kind} className="report-radio">
              <input
                type="radio"
                name="report-scope"
                value={kind}
                checked={report.scopeKind === kind}
                onChange={() => {
                  report.setScopeKind(kind);
                  if (kind === 'unit') report.setUnitIds(report.unitIds.slice(0, 1));
                }}
              />
              {t(label)}
            </label>
          ))}
        </div>
        {report.scopeKind !== 'city' && (
          <div className="report-units">
            <input
              type="search"
              className="report-unit-filter"
              placeholder={t('reportUnitFilter')}
              aria-label={t('reportUnitFilter')}
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
            />
            <p className="hint" data-testid="report-chosen">
              {report.unitIds.length === 0 ? t('reportNoUnit') : t('reportChosen', { count: formatCount(report.unitIds.length, language) })}
            </p>
            <ul className="report-unit-list" role="listbox" aria-multiselectable={report.scopeKind === 'selection'}>
              {shown.map((unit) => (
                <li key={unit.id}>
                  <label>
                    <input
                      type={report.scopeKind === 'unit' ? 'radio' : 'checkbox'}
                      name="report-unit"
                      data-unit-id={unit.id}
                      checked={chosen.has(unit.id)}
                      onChange={() => pick(unit.id)}
                    />
                    <span className="report-unit-name">{unit.name}</span>
                    {unit.districts !== '' && <span className="report-unit-district">{unit.districts}</span>}
                  </label>
                </li>
              ))}
            </ul>
          </div>
        )}
      </fieldset>

      <fieldset className="report-field" data-field="sections">
        <legend>{t('reportSections')}</legend>
        <div className="report-sections">
          {REPORT_SECTIONS.map((section) => (
            <label key={section} className="report-check">
              <input type="checkbox" data-report-section={section} checked={report.sections.has(section)} onChange={() => report.toggleSection(section)} />
              {reportText(language, `section_${section}`)}
            </label>
          ))}
        </div>
        {report.sections.has('sites') && (
          <label className="report-check report-sites">
            <input
              type="checkbox"
              data-field="report-auto-sites"
              checked={report.sitesCount !== null}
              onChange={(event) => report.setSitesCount(event.target.checked ? 5 : null)}
            />
            {t('reportAutoSites')}
            <input
              type="number"
              min={1}
              max={200}
              step={1}
              aria-label={t('reportAutoSitesCount')}
              disabled={report.sitesCount === null}
              value={report.sitesCount ?? 5}
              onChange={(event) => {
                const count = Math.round(Number(event.target.value));
                if (count >= 1 && count <= 200) report.setSitesCount(count);
              }}
            />
          </label>
        )}
        {report.sections.has('targets') && (
          <label className="report-check report-plan-targets">
            <input type="checkbox" data-field="report-plan-targets" checked={report.planTargets} onChange={(event) => report.setPlanTargets(event.target.checked)} />
            {t('reportPlanTargets')}
          </label>
        )}
      </fieldset>

      <label className="report-field report-title-field">
        <span>{t('reportDocTitle')}</span>
        <input type="text" maxLength={160} placeholder={reportText(language, 'title')} value={report.title} onChange={(event) => report.setTitle(event.target.value)} />
      </label>

      {!analysed && (
        <p className="hint report-needs" data-testid="report-needs-analysis">
          {t('reportNeedsAnalysis')} <OpenAnalysisButton onClick={onOpenAnalysis} />
        </p>
      )}
      <div className="report-actions">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className={`button ${format === 'pdf' ? 'button-primary' : ''}`}
            data-action={`report-${format}`}
            disabled={!ready || report.busy !== null}
            onClick={() => void report.generate(format)}
          >
            {report.busy === format ? t('reportBusy') : t(label)}
          </button>
        ))}
      </div>
      {report.progress !== null && (
        <TaskProgress fraction={report.progress.fraction} stageLabel={STAGE_LABELS[report.progress.stage]} cancelAction="cancel-report" onCancel={onCancel} />
      )}
      <p className="hint">{t('reportLanguageNote')}</p>
      {report.error !== null && (
        <p className="error" role="alert">
          {t('reportFailed', { reason: report.error })}
        </p>
      )}
      {report.last !== null && (
        <p className="report-done" data-testid="report-done">
          {t(report.last.printed ? 'reportPrinted' : 'reportDone', { file: report.last.file, size: formatCount(Math.ceil(report.last.bytes / 1024), language), seconds: (report.last.timingMs / 1000).toFixed(1) })}
        </p>
      )}
    </section>
  );
}
