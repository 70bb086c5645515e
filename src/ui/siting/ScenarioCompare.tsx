/** Two saved scenarios side by side per ward: weak/none households in each and the difference. */
import { useEffect, useMemo, useState } from 'react';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { compareSummaries, type ScenarioSummary } from './scenario-compare.ts';
import type { useScenarios } from './use-scenarios.ts';

export function ScenarioCompare({ scenarios }: { scenarios: ReturnType<typeof useScenarios> }) {
  const { language, t } = useI18n();
  const names = scenarios.saved.map((saved) => saved.name);
  const [nameA, setNameA] = useState('');
  const [nameB, setNameB] = useState('');
  const [summaries, setSummaries] = useState<[ScenarioSummary | null, ScenarioSummary | null]>([null, null]);
  const { summaryOf } = scenarios;

  useEffect(() => {
    let current = true;
    void Promise.all([nameA === '' ? null : summaryOf(nameA), nameB === '' ? null : summaryOf(nameB)]).then((loaded) => {
      if (current) setSummaries(loaded);
    });
    return () => {
      current = false;
    };
  }, [nameA, nameB, summaryOf, scenarios.saved]);

  const [a, b] = summaries;
  const rows = useMemo(() => (a === null || b === null ? [] : compareSummaries(a, b)), [a, b]);
  if (names.length < 2) return null;
  const count = (value: number | null) => (value === null ? '–' : formatCount(value, language));

  return (
    <div className="scenario-compare" data-testid="scenario-compare">
      <h2 className="subheading">{t('scenarioCompare')}</h2>
      <div className="fibre-plan-form">
        {([
          ['A', nameA, setNameA],
          ['B', nameB, setNameB],
        ] as const).map(([label, value, set]) => (
          <label key={label}>
            {label}
            <select value={value} data-compare={label} onChange={(event) => set(event.target.value)}>
              <option value="">–</option>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {(nameA !== '' && a === null) || (nameB !== '' && b === null) ? <p className="hint">{t('scenarioNoSummary')}</p> : null}
      {a !== null && b !== null && (
        <>
          <p className="hint">
            {t('scenarioCompareTotal', { a: count(a.total.weakOrNone), b: count(b.total.weakOrNone), difference: count(b.total.weakOrNone - a.total.weakOrNone) })}
          </p>
          <table className="what-if-table">
            <thead>
              <tr>
                <th>{t('wardColumnName')}</th>
                <th className="numeric">A</th>
                <th className="numeric">B</th>
                <th className="numeric">B − A</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 15).map((row) => (
                <tr key={row.wardId}>
                  <td>{row.wardName}</td>
                  <td className="numeric">{count(row.weakA)}</td>
                  <td className="numeric">{count(row.weakB)}</td>
                  <td className="numeric">{count(row.difference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
