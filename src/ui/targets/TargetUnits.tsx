/**
 * One target unit by unit: the map legend of the gap classes and the units worst first, each with its former
 * district(s) for orientation and the ≈ mark where its figures rest on an approximation of the crosswalk. A click
 * selects the unit on the map.
 */
import { useMemo } from 'react';
import type { TargetEvaluation } from '../../core/targets/evaluate-targets.ts';
import type { TargetUnit } from '../../core/targets/target-set.ts';
import type { Ward } from '../../core/model.ts';
import type { UnitNote } from '../../worker/protocol.ts';
import { formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import type { Translate } from '../i18n.ts';
import { VirtualList } from '../VirtualList.tsx';
import { GAP_BREAKS, TARGET_COLOURS, gapClass, worstFirst } from './target-units.ts';
import { gapText, statusText, targetName, valueText } from './target-text.ts';

const ROW_HEIGHT_PX = 40;
const LIST_HEIGHT_PX = 360;

interface TargetUnitsProps {
  evaluation: TargetEvaluation;
  wards: readonly Ward[];
  notes: readonly UnitNote[];
  selectedWard: number;
  onSelectWard: (wardIndex: number) => void;
}

export function TargetUnits({ evaluation, wards, notes, selectedWard, onSelectWard }: TargetUnitsProps) {
  const { language, t } = useI18n();
  const { target, byUnit } = evaluation;
  const order = useMemo(() => worstFirst(byUnit, target.indicator), [byUnit, target.indicator]);
  const met = byUnit.filter((value) => value.status === 'met').length;
  const noData = byUnit.filter((value) => value.value === null).length;

  return (
    <section className="panel-section target-units" data-section="target-units" data-target-id={target.id}>
      <h2>
        {t('targetsUnitsTitle')}: {targetName(target, language, t)}
      </h2>
      <GapLegend t={t} unit={target.unit} language={language} />
      <p className="hint">{t('targetsUnitsCount', { met, total: byUnit.length, noData })}</p>
      <VirtualList
        className="target-unit-list"
        itemCount={order.length}
        rowHeightPx={ROW_HEIGHT_PX}
        heightPx={Math.min(LIST_HEIGHT_PX, order.length * ROW_HEIGHT_PX + 2)}
        ariaLabel={t('targetsUnitsTitle')}
        renderRow={(position) => {
          const u = order[position];
          const value = byUnit[u];
          const note = notes[u];
          const klass = gapClass(value);
          const approx = note !== undefined && (note.split || note.uncertainLink);
          const approxWhy = note === undefined ? '' : [note.split ? t('approxSplit') : null, note.uncertainLink ? t('approxLink') : null].filter(Boolean).join('; ');
          return (
            <button
              type="button"
              className={`target-unit ${u === selectedWard ? 'selected' : ''}`}
              data-unit-id={wards[u]?.id}
              data-rank={position + 1}
              onClick={() => onSelectWard(u)}
            >
              <span className="target-unit-swatch" style={{ background: klass === -1 ? 'transparent' : TARGET_COLOURS[klass] }} />
              <span className="target-unit-name">
                <span className="unit-name">
                  {wards[u]?.name}
                  {approx && (
                    <abbr className="approx-mark" title={`${t('targetsApprox')}: ${approxWhy}`}>
                      {' '}≈
                    </abbr>
                  )}
                </span>
                {note !== undefined && note.formerDistricts.length > 0 && (
                  <span className="former-district">{t('targetsFormer', { districts: note.formerDistricts.join(', ') })}</span>
                )}
              </span>
              <span className="target-unit-value">{value.value === null ? statusText(value.status, t) : valueText(value.value, target.unit, language)}</span>
            </button>
          );
        }}
      />
    </section>
  );
}

/** The gap classes of the map: met, then "short by 0–2", "2–5", "5–15", "≥ 15" (in the target's unit), no data. */
function GapLegend({ t, unit, language }: { t: Translate; unit: TargetUnit; language: 'vi' | 'en' }) {
  const amount = (x: number) => gapText(x, unit, language, t, 0);
  const labels = [
    t('targetsLegendMet'),
    ...GAP_BREAKS.map((to, i) => t('targetsLegendGap', { from: formatDecimal(i === 0 ? 0 : GAP_BREAKS[i - 1], language, 0), to: amount(to) })),
    t('targetsLegendGapOver', { from: amount(GAP_BREAKS[GAP_BREAKS.length - 1]) }),
  ];
  return (
    <ul className="gap-legend" aria-label="legend">
      {labels.map((label, i) => (
        <li key={label}>
          <span className="target-unit-swatch" style={{ background: TARGET_COLOURS[i] }} />
          {label}
        </li>
      ))}
      <li>
        <span className="target-unit-swatch no-data" />
        {t('targetsLegendNoData')}
      </li>
    </ul>
  );
}
