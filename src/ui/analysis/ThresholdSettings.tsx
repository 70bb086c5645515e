/** Settings section: the signal class thresholds (RSRP, dBm), checked before they apply, saved in the browser. */
import { useState } from 'react';
import { DEFAULT_THRESHOLDS_DBM, type SignalThresholdsDbm } from '../../core/model.ts';
import { checkThresholds, describeThresholdProblem } from '../../io/parse-settings.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';

/** Each threshold's field label and the class it starts (how a problem names it). */
const FIELDS: ReadonlyArray<{ key: keyof SignalThresholdsDbm; label: DictionaryKey; className: DictionaryKey }> = [
  { key: 'good', label: 'thresholdsGood', className: 'analysisGood' },
  { key: 'fair', label: 'thresholdsFair', className: 'analysisFair' },
  { key: 'weak', label: 'thresholdsWeak', className: 'analysisWeak' },
];

/** The typed thresholds (a decimal comma is accepted; an empty field is NaN). */
function readDraft(draft: Record<keyof SignalThresholdsDbm, string>): SignalThresholdsDbm {
  const read = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.').replace('−', '-')));
  return { good: read(draft.good), fair: read(draft.fair), weak: read(draft.weak) };
}

interface ThresholdSettingsProps {
  thresholds: SignalThresholdsDbm;
  onChange: (thresholds: SignalThresholdsDbm) => void;
}

export function ThresholdSettings({ thresholds, onChange }: ThresholdSettingsProps) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<Record<keyof SignalThresholdsDbm, string>>({
    good: String(thresholds.good),
    fair: String(thresholds.fair),
    weak: String(thresholds.weak),
  });
  const values = readDraft(draft);
  // the same check as settings files, naming the field
  const problem = checkThresholds(values);
  const valid = problem === null;
  const labelOf = (key: keyof SignalThresholdsDbm) => t(FIELDS.find((field) => field.key === key)!.className);

  const edit = (key: keyof SignalThresholdsDbm, text: string) => {
    const next = { ...draft, [key]: text };
    setDraft(next);
    const nextValues = readDraft(next);
    if (checkThresholds(nextValues) === null) onChange(nextValues);
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
      {problem !== null && <p className="field-error">{describeThresholdProblem(problem, language, labelOf)}</p>}
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
