/**
 * A sortable, searchable, virtualised table of ward rows described by columns (used by the fibre panel for the
 * reach and the before/after tables). Text sorts with the language's collation, numbers numerically, ties keep
 * the ward order; clicking a row selects the ward.
 */
import { useMemo, useState } from 'react';
import { formatCount, formatDecimal } from '../format-number.ts';
import type { DictionaryKey } from '../i18n.ts';
import { useI18n } from '../i18n-context.ts';
import { matchesSearch } from '../search-text.ts';
import { VirtualList } from '../VirtualList.tsx';

export interface DataRow {
  wardIndex: number;
  /** Name and district folded by `foldForSearch`. */
  searchText: string;
  [key: string]: string | number | null;
}

export interface DataColumn {
  key: string;
  label: DictionaryKey;
  /** How values print: text, whole numbers, one-decimal percentages, or kilometres from metres. */
  kind: 'text' | 'count' | 'percent' | 'km';
  width: number;
}

const ROW_HEIGHT_PX = 30;

interface DataTableProps {
  rows: readonly DataRow[];
  columns: readonly DataColumn[];
  initialSort: { key: string; descending: boolean };
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  bodyHeightPx: number;
  testId: string;
}

export function DataTable({ rows, columns, initialSort, selectedWard, onSelect, bodyHeightPx, testId }: DataTableProps) {
  const { language, t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState(initialSort);
  const collator = useMemo(() => new Intl.Collator(language === 'vi' ? 'vi' : 'en', { sensitivity: 'base' }), [language]);
  const shown = useMemo(() => {
    const direction = sort.descending ? -1 : 1;
    const filtered = query.trim() === '' ? rows.slice() : rows.filter((row) => matchesSearch(row.searchText, query));
    return filtered.sort((a, b) => {
      const left = a[sort.key];
      const right = b[sort.key];
      const order = typeof left === 'number' && typeof right === 'number' ? left - right : collator.compare(String(left ?? ''), String(right ?? ''));
      return order !== 0 ? direction * order : a.wardIndex - b.wardIndex;
    });
  }, [rows, query, sort, collator]);
  const template = columns.map((column) => `${column.width}fr`).join(' ');

  const cellText = (row: DataRow, column: DataColumn): string => {
    const value = row[column.key];
    if (typeof value !== 'number') return value ?? '';
    if (column.kind === 'percent') return formatDecimal(value, language, 1);
    if (column.kind === 'km') return formatDecimal(value / 1000, language, 2);
    return formatCount(value, language);
  };

  return (
    <div className="ward-table statistics-table" data-testid={testId}>
      <input
        className="search-input"
        type="search"
        value={query}
        placeholder={t('wardSearch')}
        aria-label={t('wardSearch')}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="grid-table" role="table" aria-rowcount={shown.length}>
        <div className="grid-header" role="row" style={{ gridTemplateColumns: template }}>
          {columns.map((column) => {
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
        <VirtualList
          className="grid-body"
          itemCount={shown.length}
          rowHeightPx={ROW_HEIGHT_PX}
          heightPx={bodyHeightPx}
          scrollToIndex={shown.findIndex((row) => row.wardIndex === selectedWard)}
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
                {columns.map((column) => (
                  <span key={column.key} role="cell" data-column={column.key} className={column.kind === 'text' ? '' : 'numeric'} title={cellText(row, column)}>
                    {cellText(row, column)}
                  </span>
                ))}
              </div>
            );
          }}
        />
      </div>
    </div>
  );
}
