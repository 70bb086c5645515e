/** A layer's opacity slider (0–100 % in steps of 5), labelled for screen readers; `data` names it for tests. */
import { useI18n } from './i18n-context.ts';

interface OpacitySliderProps {
  /** Opacity, 0…1. */
  opacity: number;
  onOpacity: (opacity: number) => void;
  disabled?: boolean;
  /** Data attributes that name the slider (`data-layer-opacity`, `data-heatmap-opacity`). */
  data: Record<`data-${string}`, string | boolean>;
}

export function OpacitySlider({ opacity, onOpacity, disabled, data }: OpacitySliderProps) {
  const { t } = useI18n();
  const percent = Math.round(opacity * 100);
  return (
    <label className="layer-opacity" title={t('layerOpacity')}>
      <span className="visually-hidden">{t('layerOpacity')}</span>
      <input
        type="range"
        min={0}
        max={100}
        step={5}
        value={percent}
        {...data}
        aria-valuetext={`${percent} %`}
        disabled={disabled}
        onChange={(event) => onOpacity(Number(event.target.value) / 100)}
      />
    </label>
  );
}
