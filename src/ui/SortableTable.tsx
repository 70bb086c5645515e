/**
 * The searchable, sortable, virtualised ward table shared by the ward list, the analysis statistics and the fibre
 * tables: a search box, an optional "n of m shown" line, clickable column headings (click again to reverse; text
 * starts ascending, numbers descending) and the rows windowed by `VirtualList`. Clicking a row selects the ward.
 * Each caller keeps its own rows, columns, filtering, sorting (with the language's collation) and cell text.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { formatCount } from './format-number.ts';
import { gridLayout } from './grid-layout.ts';
import type { DictionaryKey } from './i18n.ts';
import { useI18n } from './i18n-context.ts';
import { VirtualList } from './VirtualList.tsx';

export interface SortableColumn {
  key: string;
  label: DictionaryKey;
  /** Relative width in the grid. */
  width: number;
}

export interface ColumnSort<Key extends string> {
  key: Key;
  descending: boolean;
}

export interface SortableTableProps<Row extends { wardIndex: number }, Column extends SortableColumn> {
  /** Class of the outer element (the browser tests and styles find the tables by it). */
  className: string;
  testId?: string;
  rows: readonly Row[];
  columns: readonly Column[];
  initialSort: ColumnSort<Column['key']>;
  /** Rows matching the search text, best matches first, ties in the order given (a copy). */
  filterRows: (rows: readonly Row[], query: string) => Row[];
  /** Sorted copy; `collator` follows the interface language (Vietnamese collation in 'vi'). */
  sortRows: (rows: readonly Row[], sort: ColumnSort<Column['key']>, collator: Intl.Collator) => Row[];
  isNumeric: (column: Column) => boolean;
  cellText: (row: Row, column: Column) => string;
  selectedWard: number;
  onSelect: (wardIndex: number) => void;
  rowHeightPx: number;
  /** Fixed height of the rows area; omitted = fill the parent. */
  bodyHeightPx?: number;
  /** Show "n of m wards" (and `meta` after it) above the table. */
  countShown?: boolean;
  meta?: ReactNode;
  /** Shown instead of the rows when the search matches none; omitted = an empty list. */
  emptyText?: string;
  /** Rows take focus and Enter or Space selects them. */
  keyboardSelect?: boolean;
}

export function SortableTable<Row extends { wardIndex: number }, Column extends SortableColumn>(props: SortableTableProps<Row, Column>) {
  const { className, testId, rows, columns, initialSort, filterRows, sortRows, isNumeric, cellText, selectedWard, onSelect } = props;
  const { language, t } = useI18n();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState(initialSort);
  const collator = useMemo(() => new Intl.Collator(language === 'vi' ? 'vi' : 'en', { sensitivity: 'base' }), [language]);
  // sorted first, then ranked: the search's best matches lead, each rank in the column's order
  const shown = useMemo(() => filterRows(sortRows(rows, sort, collator), query), [rows, query, sort, collator, filterRows, sortRows]);
  // once per rows, columns and language: `cellText` formats with the language, and is a new function each render
  const { template, minWidth } = useMemo(
    () =>
      gridLayout(
        columns.map((column) => ({
          width: column.width,
          numericChars: isNumeric(column) ? rows.reduce((most, row) => Math.max(most, cellText(row, column).length), 0) : null,
          headingWordChars: Math.max(...t(column.label).split(/\s+/).map((word) => word.length)),
        })),
      ),
    [rows, columns, language, t],
  );
  // the header follows the rows when a table wider than the panel is scrolled sideways; its first heading stays,
  // as the rows' first cells do (sticky)
  const headerRef = useRef<HTMLDivElement>(null);
  const followScroll = (leftPx: number) => {
    const header = headerRef.current;
    if (header === null) return;
    header.style.transform = `translateX(${-leftPx}px)`;
    const first = header.firstElementChild;
    if (first instanceof HTMLElement) first.style.transform = `translateX(${leftPx}px)`;
  };

  const select = (row: Row) => onSelect(row.wardIndex);
  const renderRow = (index: number) => {
    const row = shown[index];
    const selected = row.wardIndex === selectedWard;
    return (
      <div
        role="row"
        className={`grid-row ${selected ? 'selected' : ''}`}
        style={{ gridTemplateColumns: template }}
        onClick={() => select(row)}
        onKeyDown={
          props.keyboardSelect
            ? (event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  select(row);
                }
              }
            : undefined
        }
        tabIndex={props.keyboardSelect ? 0 : undefined}
        aria-selected={props.keyboardSelect ? selected : undefined}
        data-ward-index={row.wardIndex}
      >
        {columns.map((column) => (
          <span key={column.key} role="cell" data-column={column.key} className={isNumeric(column) ? 'numeric' : ''} title={cellText(row, column)}>
            {cellText(row, column)}
          </span>
        ))}
      </div>
    );
  };

  return (
    <div className={className} data-testid={testId}>
      <input
        className="search-input"
        type="search"
        value={query}
        placeholder={t('wardSearch')}
        aria-label={t('wardSearch')}
        onChange={(event) => setQuery(event.target.value)}
      />
      {props.countShown && (
        <div className="table-meta">
          <span>{t('wardShown', { shown: formatCount(shown.length, language), total: formatCount(rows.length, language) })}</span>
          {props.meta}
        </div>
      )}
      <div className="grid-table" role="table" aria-rowcount={shown.length}>
        <div ref={headerRef} className="grid-header" role="row" style={{ gridTemplateColumns: template, minWidth }}>
          {columns.map((column) => {
            const active = sort.key === column.key;
            const numeric = isNumeric(column);
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
        {shown.length === 0 && props.emptyText !== undefined ? (
          <p className="panel-empty">{props.emptyText}</p>
        ) : (
          <VirtualList
            className="grid-body"
            itemCount={shown.length}
            rowHeightPx={props.rowHeightPx}
            heightPx={props.bodyHeightPx}
            scrollToIndex={shown.findIndex((row) => row.wardIndex === selectedWard)}
            renderRow={renderRow}
            minWidth={minWidth}
            onScrollLeft={followScroll}
          />
        )}
      </div>
    </div>
  );
}
