/** Settings section: the signal class thresholds (RSRP, dBm), checked before they apply, saved in the browser. */
import { useState } from 'react';
import { DEFAULT_THRESHOLDS_DBM, type SignalThresholdsDbm } from '../../core/model.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { thresholdsError } from '../../io/parse-settings.ts';

const FIELDS: ReadonlyArray<{ key: keyof SignalThresholdsDbm; label: DictionaryKey }> = [
  { key: 'good', label: 'thresholdsGood' },
  { key: 'fair', label: 'thresholdsFair' },
  { key: 'weak', label: 'thresholdsWeak' },
];

/** The typed thresholds (a decimal comma is accepted), or null when one is empty or they are not valid. */
function parseDraft(draft: Record<keyof SignalThresholdsDbm, string>): SignalThresholdsDbm | null {
  const read = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.').replace('−', '-')));
  const values = { good: read(draft.good), fair: read(draft.fair), weak: read(draft.weak) };
  return thresholdsError(values) === null ? values : null;
}

interface ThresholdSettingsProps {
  thresholds: SignalThresholdsDbm;
  onChange: (thresholds: SignalThresholdsDbm) => void;
}

export function ThresholdSettings({ thresholds, onChange }: ThresholdSettingsProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Record<keyof SignalThresholdsDbm, string>>({
    good: String(thresholds.good),
    fair: String(thresholds.fair),
    weak: String(thresholds.weak),
  });
  const valid = parseDraft(draft) !== null;

  const edit = (key: keyof SignalThresholdsDbm, text: string) => {
    const next = { ...draft, [key]: text };
    setDraft(next);
    const values = parseDraft(next);
    if (values !== null) onChange(values);
  };

  return (
    <section className="panel-section threshold-settings">
      <h2>{t('thresholdsTitle')}</h2>
      <div className="threshold-fields">
        {FIELDS.map(({ key, label }) => (
          <label key={key}>
            {t(label)}
            <input
              type="text"
              inputMode="decimal"
              data-threshold={key}
              value={draft[key]}
              aria-invalid={!valid}
              onChange={(event) => edit(key, event.target.value)}
            />
          </label>
        ))}
      </div>
      {!valid && <p className="field-error">{t('thresholdsInvalid')}</p>}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          setDraft({ good: String(DEFAULT_THRESHOLDS_DBM.good), fair: String(DEFAULT_THRESHOLDS_DBM.fair), weak: String(DEFAULT_THRESHOLDS_DBM.weak) });
          onChange(DEFAULT_THRESHOLDS_DBM);
        }}
      >
        {t('thresholdsReset')}
      </button>
      <p className="hint">{t('thresholdsNote')}</p>
    </section>
  );
}
