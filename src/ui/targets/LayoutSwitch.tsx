/**
 * The reporting layout, one click away in the header: the 114 units of 2025 or the 489 units of the 2019 layout (488 communes and Bạch Long Vĩ).
 * Offered for the embedded 2025 units only (the crosswalk ties the two); a switch shows its progress on itself.
 */
import type { ReportingLayout } from '../../worker/protocol.ts';
import { useI18n } from '../i18n-context.ts';
import type { useLayouts } from './use-layouts.ts';

const OPTIONS: ReadonlyArray<{ layout: ReportingLayout; label: 'layoutOption2025' | 'layoutOption2019'; title: 'layoutTitle2025' | 'layoutTitle2019' }> = [
  { layout: '2025', label: 'layoutOption2025', title: 'layoutTitle2025' },
  { layout: '2019', label: 'layoutOption2019', title: 'layoutTitle2019' },
];

export function LayoutSwitch({ layouts }: { layouts: ReturnType<typeof useLayouts> }) {
  const { t } = useI18n();
  const { info, layout, switching } = layouts;
  const available = info?.available === true;
  return (
    <div
      className={`layout-switch ${switching !== null ? 'busy' : ''}`}
      role="group"
      aria-label={t('layoutSwitch')}
      data-layout={layout}
      title={available ? t('layoutSwitch') : t('layoutUnavailable')}
    >
      <span className="layout-switch-label">{t('layoutSwitch')}</span>
      {OPTIONS.map((option) => (
        <button
          key={option.layout}
          type="button"
          className={option.layout === layout ? 'active' : ''}
          aria-pressed={option.layout === layout}
          data-layout-option={option.layout}
          title={t(option.title)}
          disabled={!available || switching !== null}
          onClick={() => void layouts.switchTo(option.layout)}
        >
          {t(option.label)}
        </button>
      ))}
    </div>
  );
}
