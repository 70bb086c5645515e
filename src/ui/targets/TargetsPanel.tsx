/**
 * The "Mục tiêu / Targets" tab (issue 9), the first an engineer sees: the target set (the three shipped, or one
 * imported; thresholds and deadlines editable, the set exportable), one row per target with its value now, the
 * target, the gap, the status, the deadline and the source; a target clicked shows unit by unit on the map and
 * in a list, worst first, with the former district beside each unit. Below: the zones layer the zone targets read
 * and how households are grouped into the units of the layout shown.
 */
import { useState, type ReactNode } from 'react';
import type { TargetEvaluation } from '../../core/targets/evaluate-targets.ts';
import { INDICATORS, type Target } from '../../core/targets/target-set.ts';
import type { Ward } from '../../core/model.ts';
import { describeIssue } from '../../io/issue-messages.ts';
import { TaskProgress } from '../analysis/TaskStatus.tsx';
import { useStartImport } from '../import/use-import-flow.ts';
import { ACCEPT } from '../panels/ImportPanel.tsx';
import { formatCount, formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import type { UnitNote } from '../../worker/protocol.ts';
import { LayoutSection } from './LayoutSection.tsx';
import { TargetUnits } from './TargetUnits.tsx';
import { digitsShortOf, gapUnit, reasonText, scopeText, shortfallText, shortOfTargetText, sourceText, statusText, targetName, valueText } from './target-text.ts';
import type { TargetEdit } from './target-sets.ts';
import type { useLayouts } from './use-layouts.ts';
import type { useTargets } from './use-targets.ts';
import type { useZones } from './use-zones.ts';
import './targets.css';

interface TargetsPanelProps {
  targets: ReturnType<typeof useTargets>;
  zones: ReturnType<typeof useZones>;
  layouts: ReturnType<typeof useLayouts>;
  wards: readonly Ward[];
  hasHouseholds: boolean;
  selectedWard: number;
  onSelectWard: (wardIndex: number) => void;
  onCancel: () => void;
  /** Shown in each target row: what closes it (a column) and, in the row's detail, the plan and the button that opens it (TargetClosing.tsx). */
  closing?: (evaluation: TargetEvaluation) => { summary: ReactNode; detail: ReactNode };
}

export function TargetsPanel({ targets, zones, layouts, wards, hasHouseholds, selectedWard, onSelectWard, onCancel, closing }: TargetsPanelProps) {
  const { language, t } = useI18n();
  const startImport = useStartImport();
  const { entries, entry, set, evaluation, previous, progress, error, selected } = targets;
  const shown = evaluation ?? previous;
  const notes: readonly UnitNote[] = layouts.info?.notes.length === wards.length ? layouts.info.notes : [];

  return (
    <div className="targets-panel" data-evaluated={evaluation !== null ? 'true' : 'false'} data-layout={layouts.layout}>
      <section className="panel-section">
        <h2>{t('targetsSet')}</h2>
        <div className="targets-set-row">
          <select
            value={set?.id ?? ''}
            aria-label={t('targetsSet')}
            data-control="target-set"
            onChange={(event) => targets.choose(event.target.value)}
          >
            {entries.map((candidate) => (
              <option key={candidate.set.id} value={candidate.set.id}>
                {candidate.set.name[language]}
              </option>
            ))}
          </select>
          <label className="button button-small">
            {t('targetsImport')}
            <input
              type="file"
              accept=".json,application/json"
              data-control="target-set-file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file !== undefined) void targets.importSet(file);
              }}
            />
          </label>
          <button type="button" className="button button-small" data-action="export-target-set" onClick={targets.exportSet}>
            {t('targetsExport')}
          </button>
        </div>
        {set?.description && <p className="hint">{set.description[language]}</p>}
        {entry !== undefined && (entry.origin === 'imported' || entry.edited) && (
          <p className="targets-tags">
            {entry.origin === 'imported' && <span className="tag">{t('targetsImported')}</span>}
            {entry.edited && <span className="tag">{t('targetsEdited')}</span>}
          </p>
        )}
        <ImportOutcome result={targets.importResult} />
      </section>

      {!hasHouseholds && <p className="panel-empty">{t('targetsNoData')}</p>}
      {progress !== null && <TaskProgress fraction={progress} stageLabel="stageTargets" cancelAction="cancel-targets" onCancel={onCancel} />}
      {error !== null && <p className="field-error">{t('targetsFailed', { reason: error })}</p>}

      {set !== null && hasHouseholds && (
        <section className="panel-section">
          {shown !== null && <Basis evaluation={shown} layout={layouts.layout} />}
          <table className={`targets-table ${evaluation === null ? 'stale' : ''}`} data-table="targets">
            <colgroup>
              <col />
              <col className="col-value" />
              <col className="col-target" />
              <col className="col-gap" />
              <col className="col-status" />
            </colgroup>
            <thead>
              <tr>
                <th>{t('targetsColIndicator')}</th>
                <th className="number">{t('targetsColValue')}</th>
                <th className="number">{t('targetsColTarget')}</th>
                <th className="number">{t('targetsColGap')}</th>
                <th>{t('targetsColStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {set.targets.map((target) => {
                const result = shown?.evaluations.find((candidate) => candidate.target.id === target.id) ?? null;
                return (
                  <TargetRow
                    key={target.id}
                    target={target}
                    result={result}
                    selected={selected?.target.id === target.id}
                    onSelect={() => targets.select(selected?.target.id === target.id ? null : target.id)}
                    onEdit={(change) => targets.edit(target.id, change)}
                    closing={closing === undefined ? undefined : result === null ? { summary: null, detail: null } : closing(result)}
                  />
                );
              })}
            </tbody>
          </table>
          {selected === null && <p className="hint">{t('targetsSelectHint')}</p>}
        </section>
      )}

      {selected !== null && (
        <TargetUnits evaluation={selected} wards={wards} notes={notes} selectedWard={selectedWard} onSelectWard={onSelectWard} />
      )}

      <section className="panel-section" data-section="zones">
        <h2>{t('zonesTitle')}</h2>
        {zones.layer === null ? (
          <p className="hint">{t('zonesNone')}</p>
        ) : (
          <p className="zones-status">
            {t('zonesCount', { n: formatCount(zones.layer.zones.length, language), file: zones.layer.file })}
            {zones.layer.approximate && <strong className="approximate-label"> — {t('zonesApproximate')}</strong>}
          </p>
        )}
        <p className="hint">{t('zonesHint')}</p>
        <label className={`button button-small ${startImport === null ? 'disabled' : ''}`}>
          {t('zonesImport')}
          <input
            type="file"
            accept={ACCEPT.zones}
            multiple
            data-control="zones-file"
            disabled={startImport === null}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              // the app's import flow (CRS chooser, Shapefile parts, report), into the one zones layer
              if (files.length > 0) startImport?.(files, { kind: 'layer', layer: 'zones' });
            }}
          />
        </label>
        {zones.failed !== null && (
          <p className="field-error">
            {t('zonesFailed', { reason: zones.failed.issues[0] === undefined ? zones.failed.file : describeIssue(zones.failed.issues[0], language) })}
          </p>
        )}
      </section>

      <LayoutSection layouts={layouts} wards={wards} onSelectWard={onSelectWard} />
    </div>
  );
}

/** What the figures were computed on: technologies, thresholds, the app's additions, fibre, units. */
function Basis({ evaluation, layout }: { evaluation: NonNullable<ReturnType<typeof useTargets>['previous']>; layout: string }) {
  const { t } = useI18n();
  const { basis, technologies } = evaluation;
  const { good, fair, weak } = basis.thresholdsDbm;
  const sites = (cells: readonly { siteId: string }[]) => new Set(cells.map((cell) => cell.siteId)).size;
  const parts: string[] = [];
  if (technologies.length > 0) parts.push(t('targetsBasisMobile', { technologies: technologies.join(', '), good, fair, weak }));
  if (basis.proposedCells.length > 0) parts.push(t('targetsBasisProposed', { n: sites(basis.proposedCells) }));
  if (basis.approvedCells.length > 0) parts.push(t('targetsBasisApproved', { n: sites(basis.approvedCells) }));
  if (evaluation.set.targets.some((target) => target.indicator === 'fibre_passed_households')) {
    parts.push(basis.fibrePlan !== null ? t('targetsBasisFibrePlan', { pct: basis.fibrePlan.targetPct }) : t('targetsBasisFibreNetwork'));
  }
  parts.push(t('targetsBasisLayout', { layout: t(layout === '2019' ? 'layoutOption2019' : 'layoutOption2025') }));
  return (
    <p className="targets-basis" data-basis="targets">
      <strong>{t('targetsBasisTitle')}:</strong> {parts.join(' · ')}
    </p>
  );
}

interface TargetRowProps {
  target: Target;
  result: TargetEvaluation | null;
  selected: boolean;
  onSelect: () => void;
  onEdit: (change: TargetEdit) => boolean;
  /** Absent: no "What closes it" line. */
  closing: { summary: ReactNode; detail: ReactNode } | undefined;
}

function TargetRow({ target, result, selected, onSelect, onEdit, closing }: TargetRowProps) {
  const { language, t } = useI18n();
  const status = result?.status ?? null;
  const reason = result === null ? null : reasonText(result, t);
  const shortfall = result === null ? null : shortfallText(target, result, language, t);
  return (
    <>
      <tr
        className={`target-row ${selected ? 'selected' : ''} status-${status ?? 'pending'}`}
        data-target-id={target.id}
        data-status={status ?? ''}
        aria-selected={selected}
        tabIndex={0}
        onClick={onSelect}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onSelect();
          }
        }}
      >
        <td className="target-name">
          <span className="target-title">{targetName(target, language, t)}</span>
          <span className="target-meta">
            {t(`indicator_${target.indicator}`)} · {target.technology} · {scopeText(target, t)}
          </span>
          {/* under the name rather than a column of its own: the name keeps the width to read in two or three lines */}
          {closing !== undefined && (
            <span className="target-closes">
              {t('targetsColCloses')}: {closing.summary}
            </span>
          )}
        </td>
        <td className="number" data-value={result?.value ?? ''}>
          {/* a value short of its target never reads as the target itself (99,96 %, not 100,0 %) */}
          {status === 'not-met' ? shortOfTargetText(result?.value ?? null, target, language) : valueText(result?.value ?? null, target.unit, language)}
        </td>
        <td className="number">
          <EditableValue
            text={`${INDICATORS[target.indicator].direction === 'at-most' ? '≤' : '≥'} ${formatDecimal(target.threshold, language, target.threshold % 1 === 0 ? 0 : 1)}\u00a0${target.unit}`}
            initial={String(target.threshold)}
            inputMode="decimal"
            control="threshold"
            onCommit={(text) => onEdit({ field: 'threshold', value: Number(text.replace(',', '.')) })}
          />
        </td>
        <td className="number">
          {/* the unit under the figure: "điểm %" beside it would not fit the column */}
          {result === null || result.gap === null ? (
            '–'
          ) : (
            <>
              {formatDecimal(result.gap, language, status === 'not-met' && result.value !== null ? digitsShortOf(result.value, target) : 1)}{' '}
              <span className="target-gap-unit">{gapUnit(target.unit, t)}</span>
            </>
          )}
        </td>
        <td>
          <span className={`target-status status-${status ?? 'pending'}`}>{status === null ? '…' : statusText(status, t)}</span>
        </td>
      </tr>
      <tr className={`target-detail ${selected ? 'selected' : ''}`} onClick={onSelect}>
        <td colSpan={5}>
          <span className="target-deadline">
            {t('targetsColDeadline')}:{' '}
            <EditableValue text={target.deadline} initial={target.deadline} inputMode="text" control="deadline" onCommit={(text) => onEdit({ field: 'deadline', value: text.trim() })} />
          </span>
          {shortfall !== null && <span className="target-shortfall">{shortfall}</span>}
          {reason !== null && <span className="target-reason">{reason}</span>}
          {result !== null && result.unknownUnitIds.length > 0 && (
            <span className="field-error">{t('targetsUnknownUnits', { ids: result.unknownUnitIds.join(', ') })}</span>
          )}
          {closing?.detail}
          <span className="target-source" title={sourceText(target)}>
            {t('targetsColSource')}: {sourceText(target)}
          </span>
        </td>
      </tr>
    </>
  );
}

/** A value shown as text; a click opens an input, Enter or leaving it commits, Escape cancels. */
function EditableValue({ text, initial, inputMode, control, onCommit }: { text: string; initial: string; inputMode: 'decimal' | 'text'; control: string; onCommit: (text: string) => boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  if (editing === null) {
    return (
      <button
        type="button"
        className="editable-value"
        title={t('targetsEditHint')}
        data-edit={control}
        onClick={(event) => {
          event.stopPropagation();
          setInvalid(false);
          setEditing(initial);
        }}
      >
        {text}
      </button>
    );
  }
  const commit = () => {
    if (onCommit(editing)) setEditing(null);
    else setInvalid(true);
  };
  return (
    <input
      className={`editable-input ${invalid ? 'invalid' : ''}`}
      value={editing}
      inputMode={inputMode}
      data-edit-input={control}
      aria-invalid={invalid}
      title={invalid ? t('targetsEditInvalid') : undefined}
      autoFocus
      onClick={(event) => event.stopPropagation()}
      onChange={(event) => setEditing(event.target.value)}
      onBlur={() => {
        // leaving the field keeps a valid value and drops an invalid one
        onCommit(editing);
        setEditing(null);
      }}
      onKeyDown={(event) => {
        event.stopPropagation();
        if (event.key === 'Enter') commit();
        if (event.key === 'Escape') setEditing(null);
      }}
    />
  );
}

/** What an imported set file gave: rejected targets with their reasons, or why the file failed. */
function ImportOutcome({ result }: { result: ReturnType<typeof useTargets>['importResult'] }) {
  const { language, t } = useI18n();
  if (result === null || (result.status === 'ok' && result.issues.length === 0)) return null;
  const failed = result.status === 'failed' || result.data === null || result.data.targets.length === 0;
  return (
    <div className={failed ? 'field-error' : 'hint'} data-import-outcome="target-set">
      <p>{failed ? t('targetsImportFailed', { file: result.file }) : t('targetsImportRejected', { file: result.file, read: result.read, kept: result.kept, rejected: result.rejected })}</p>
      <ul className="targets-issues">
        {result.issues.slice(0, 12).map((issue, i) => (
          <li key={i}>{describeIssue(issue, language)}</li>
        ))}
      </ul>
    </div>
  );
}
