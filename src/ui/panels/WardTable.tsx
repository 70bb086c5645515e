/**
 * The ward table: sortable by every column, searchable without diacritics, virtualised (only the rows in view
 * exist in the DOM). Clicking a row selects the ward, which the map zooms to and highlights.
 */
import { useMemo, useState } from 'react';
import type { Ward } from '../../core/model.ts';
import { formatCount } from '../format-number.ts';
import { useI18n } from '../i18n-context.ts';
import { VirtualList } from '../VirtualList.tsx';
import { buildWardRows, filterWardRows, sortWardRows, WARD_COLUMNS, type WardRow, type WardSort } from '../ward-rows.ts';

const ROW_HEIGHT_PX = 34;

interface WardTableProps {
  wards: Ward[];
  householdsPerWard: Float64Array | null;
  outsideHouseholds: number | null;
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
}

export function WardTable({ wards, householdsPerWard, outsideHouseholds, selectedWard, onSelect }: WardTableProps) {
  const { language, t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<WardSort>({ key: 'name', descending: false });
  const collator = useMemo(() => new Intl.Collator(language === 'vi' ? 'vi' : 'en', { sensitivity: 'base' }), [language]);
  const rows = useMemo(() => buildWardRows(wards, householdsPerWard), [wards, householdsPerWard]);
  const shown = useMemo(() => sortWardRows(filterWardRows(rows, query), sort, collator), [rows, query, sort, collator]);
  const template = WARD_COLUMNS.map((column) => `${column.width}fr`).join(' ');
  const selectedPosition = shown.findIndex((row) => row.wardIndex === selectedWard);

  const cellText = (row: WardRow, key: (typeof WARD_COLUMNS)[number]['key']): string => {
    const value = row[key];
    return typeof value === 'number' || value === null ? formatCount(value, language) : value;
  };

  if (wards.length === 0) return <p className="panel-empty">{t('wardNone')}</p>;

  return (
    <div className="ward-table">
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
        {outsideHouseholds !== null && outsideHouseholds > 0 && (
          <span>{t('wardOutside', { n: formatCount(outsideHouseholds, language) })}</span>
        )}
      </div>
      <div className="grid-table" role="table" aria-rowcount={shown.length}>
        <div className="grid-header" role="row" style={{ gridTemplateColumns: template }}>
          {WARD_COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <button
                key={column.key}
                type="button"
                role="columnheader"
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                className={`grid-heading ${column.numeric ? 'numeric' : ''} ${active ? 'active' : ''}`}
                title={t('sortBy', { column: t(column.label) })}
                onClick={() => setSort({ key: column.key, descending: active ? !sort.descending : column.numeric })}
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
            scrollToIndex={selectedPosition}
            renderRow={(index) => {
              const row = shown[index];
              return (
                <div
                  role="row"
                  className={`grid-row ${row.wardIndex === selectedWard ? 'selected' : ''}`}
                  style={{ gridTemplateColumns: template }}
                  onClick={() => onSelect(row.wardIndex)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(row.wardIndex);
                    }
                  }}
                  tabIndex={0}
                  aria-selected={row.wardIndex === selectedWard}
                  data-ward-index={row.wardIndex}
                >
                  {WARD_COLUMNS.map((column) => (
                    <span key={column.key} role="cell" className={column.numeric ? 'numeric' : ''} title={cellText(row, column.key)}>
                      {cellText(row, column.key)}
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
