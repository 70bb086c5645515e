/**
 * How households are grouped into the units shown: the layout and its method in words, the approximation flags
 * (≈) the figures depend on, and, on request, where grouping by the crosswalk and by point in polygon on the 2025
 * polygons differ (the units with the largest difference first; a click selects the unit).
 */
import type { Ward } from '../../core/model.ts';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import type { useLayouts } from './use-layouts.ts';

/** Units of the comparison listed (largest difference first); the rest are summed up in the summary. */
const LISTED_UNITS = 25;

interface LayoutSectionProps {
  layouts: ReturnType<typeof useLayouts>;
  wards: readonly Ward[];
  onSelectWard: (wardIndex: number) => void;
}

export function LayoutSection({ layouts, wards, onSelectWard }: LayoutSectionProps) {
  const { language, t } = useI18n();
  const { info, comparison, layout } = layouts;
  if (info === null) return null;
  const count = (n: number) => formatCount(n, language);
  const split = info.notes.filter((note) => note.split).length;
  const link = info.notes.filter((note) => note.uncertainLink).length;
  const withWeak = comparison?.units.some((unit) => unit.weakByCrosswalk !== null) ?? false;

  return (
    <section className="panel-section layout-section" data-section="layout">
      <h2>{t('layoutSection')}</h2>
      {!info.available && <p className="hint">{t('layoutUnavailable')}</p>}
      {info.available && (
        <>
          <p data-method={layout}>
            {t(layout === '2019' ? 'layoutMethod2019' : 'layoutMethod2025')}
          </p>
          {(split > 0 || link > 0) && <p className="hint">{t('layoutApproxNote', { split, link })}</p>}
          {layout === '2025' && comparison === null && (
            <button type="button" className="button button-small" data-action="compare-layouts" onClick={() => void layouts.compare()}>
              {t('layoutCompare')}
            </button>
          )}
          {layout === '2025' && comparison !== null && (
            <div data-comparison="layouts">
              <p>
                {comparison.units.length === 0
                  ? t('layoutCompareNone')
                  : t('layoutCompareSummary', {
                      moved: count(comparison.movedHouseholds),
                      outsideCrosswalk: count(comparison.outsideByCrosswalk),
                      outsidePolygon: count(comparison.outsideByPolygon),
                      vsCrosswalk: count(comparison.currentVsCrosswalk),
                      vsPolygon: count(comparison.currentVsPolygon),
                      byId: count(comparison.householdsByFileId),
                    })}
              </p>
              {comparison.units.length > 0 && (
                <table className="compact-table">
                  <thead>
                    <tr>
                      <th>{t('layoutColUnit')}</th>
                      <th className="number">{t('layoutColByCrosswalk')}</th>
                      <th className="number">{t('layoutColByPolygon')}</th>
                      {withWeak && <th className="number">{t('layoutColWeakByCrosswalk')}</th>}
                      {withWeak && <th className="number">{t('layoutColWeakByPolygon')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {comparison.units.slice(0, LISTED_UNITS).map((unit) => (
                      <tr key={unit.unitIndex} className="clickable" onClick={() => onSelectWard(unit.unitIndex)}>
                        <td>{wards[unit.unitIndex]?.name}</td>
                        <td className="number">{count(unit.householdsByCrosswalk)}</td>
                        <td className="number">{count(unit.householdsByPolygon)}</td>
                        {withWeak && <td className="number">{count(unit.weakByCrosswalk ?? 0)}</td>}
                        {withWeak && <td className="number">{count(unit.weakByPolygon ?? 0)}</td>}
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
