/**
 * The ward table with the analysis statistics (households, good, fair, weak, none, weak %, fibre %): sortable by
 * every column, searchable without diacritics, virtualised. Clicking a row selects the ward.
 */
import { useMemo, useState } from 'react';
import type { WardStats } from '../../core/coverage/coverage-result.ts';
import type { Ward } from '../../core/model.ts';
import { formatCount, formatDecimal } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { VirtualList } from '../VirtualList.tsx';
import {
  STATISTICS_COLUMNS,
  buildStatisticsRows,
  filterStatisticsRows,
  sortStatisticsRows,
  type StatisticsColumn,
  type StatisticsRow,
  type StatisticsSort,
} from './statistics-rows.ts';

const ROW_HEIGHT_PX = 30;

interface StatisticsTableProps {
  wards: readonly Ward[];
  stats: readonly WardStats[];
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  /** Fixed height of the rows area (the analysis panel scrolls as a whole). */
  bodyHeightPx?: number;
}

export function StatisticsTable({ wards, stats, selectedWard, onSelect, bodyHeightPx }: StatisticsTableProps) {
  const { language, t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<StatisticsSort>({ key: 'weakPct', descending: true });
  const collator = useMemo(() => new Intl.Collator(language === 'vi' ? 'vi' : 'en', { sensitivity: 'base' }), [language]);
  const rows = useMemo(() => buildStatisticsRows(wards, stats), [wards, stats]);
  const shown = useMemo(() => sortStatisticsRows(filterStatisticsRows(rows, query), sort, collator), [rows, query, sort, collator]);
  const template = STATISTICS_COLUMNS.map((column) => `${column.width}fr`).join(' ');
  const selectedPosition = shown.findIndex((row) => row.wardIndex === selectedWard);

  const cellText = (row: StatisticsRow, column: StatisticsColumn): string => {
    const value = row[column.key];
    if (typeof value === 'string') return value;
    return column.kind === 'percent' ? formatDecimal(value, language, 1) : formatCount(value, language);
  };

  return (
    <div className="ward-table statistics-table">
      <input
        className="search-input"
        type="search"
        value={query}
        placeholder={t('wardSearch')}
        aria-label={t('wardSearch')}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="table-meta">
        <span>{t('wardShown', { shown: formatCount(shown.length, language), total: formatCount(rows.length, language) })}</span>
      </div>
      <div className="grid-table" role="table" aria-rowcount={shown.length}>
        <div className="grid-header" role="row" style={{ gridTemplateColumns: template }}>
          {STATISTICS_COLUMNS.map((column) => {
            const active = sort.key === column.key;
            const numeric = column.kind !== 'text';
            return (
              <button
                key={column.key}
                type="button"
                role="columnheader"
                data-column={column.key}
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                className={`grid-heading ${numeric ? 'numeric' : ''} ${active ? 'active' : ''}`}
                title={t('sortBy', { column: t(column.label) })}
                onClick={() => setSort({ key: column.key, descending: active ? !sort.descending : numeric })}
              >
                <span>{t(column.label)}</span>
                <span className="sort-mark" aria-hidden="true">
                  {active ? (sort.descending ? '▼' : '▲') : ''}
                </span>
              </button>
            );
          })}
        </div>
        {shown.length === 0 ? (
          <p className="panel-empty">{t('wardNoMatch')}</p>
        ) : (
          <VirtualList
            className="grid-body"
            itemCount={shown.length}
            rowHeightPx={ROW_HEIGHT_PX}
            heightPx={bodyHeightPx}
            scrollToIndex={selectedPosition}
            renderRow={(index) => {
              const row = shown[index];
              return (
                <div
                  role="row"
                  className={`grid-row ${row.wardIndex === selectedWard ? 'selected' : ''}`}
                  style={{ gridTemplateColumns: template }}
                  onClick={() => onSelect(row.wardIndex)}
                  data-ward-index={row.wardIndex}
                >
                  {STATISTICS_COLUMNS.map((column) => (
                    <span
                      key={column.key}
                      role="cell"
                      data-column={column.key}
                      className={column.kind === 'text' ? '' : 'numeric'}
                      title={cellText(row, column)}
                    >
                      {cellText(row, column)}
                    </span>
                  ))}
                </div>
              );
            }}
          />
        )}
      </div>
    </div>
  );
}
