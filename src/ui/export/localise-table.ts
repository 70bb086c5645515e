/**
 * The app's table downloads as a planner reads them (issue 10): where a unit is listed (a `ward_id` column), its
 * name and former district(s) beside the code, and the headers in the UI language. The CLI's documented CSV
 * contracts keep their snake_case headers (other tools rely on them); so do the app's sites files, which are read
 * back as sites. Values are untouched: `toCsv`/`toXlsx` neutralise formula-like text as for every export.
 */
import type { Table } from '../../io/export-table.ts';
import type { Language } from '../i18n.ts';

/** What a listed unit is called and where it was before the 2025 merger. */
export interface UnitLabel {
  name: string;
  /** Former district(s), most households first, joined by ", "; '' when unknown. */
  formerDistricts: string;
}

/** Header of each known column, per language; other columns keep their name. */
const HEADERS: Record<string, Record<Language, string>> = {
  ward_id: { vi: 'Mã đơn vị', en: 'Unit code' },
  ward_name: { vi: 'Tên xã, phường', en: 'Unit name' },
  former_district: { vi: 'Quận, huyện cũ', en: 'Former district' },
  households: { vi: 'Số hộ', en: 'Households' },
  good: { vi: 'Hộ sóng tốt', en: 'Good signal' },
  fair: { vi: 'Hộ sóng khá', en: 'Fair signal' },
  weak: { vi: 'Hộ sóng yếu', en: 'Weak signal' },
  none: { vi: 'Hộ không có sóng', en: 'No signal' },
  weak_pct: { vi: 'Tỷ lệ yếu/không sóng (%)', en: 'Weak or none (%)' },
  fibre_households: { vi: 'Hộ có cáp quang đi qua', en: 'Households passed by fibre' },
  fibre_pct: { vi: 'Tỷ lệ cáp quang (%)', en: 'Fibre passed (%)' },
  median_sinr_db: { vi: 'SINR trung vị (dB)', en: 'Median SINR (dB)' },
  median_throughput_mbps: { vi: 'Tốc độ mô hình trung vị (Mb/s)', en: 'Median modelled speed (Mb/s)' },
  speed_ok_households: { vi: 'Hộ đạt tốc độ mục tiêu', en: 'Households at the speed target' },
  speed_ok_pct: { vi: 'Tỷ lệ đạt tốc độ (%)', en: 'At the speed target (%)' },
  passed_before: { vi: 'Hộ có cáp (trước)', en: 'Passed before' },
  pct_before: { vi: 'Tỷ lệ trước (%)', en: 'Passed before (%)' },
  passed_after: { vi: 'Hộ có cáp (sau)', en: 'Passed after' },
  pct_after: { vi: 'Tỷ lệ sau (%)', en: 'Passed after (%)' },
  extension_m: { vi: 'Cáp kéo thêm (m)', en: 'Extension (m)' },
  cost_vnd: { vi: 'Chi phí (VNĐ)', en: 'Cost (VND)' },
  extension_id: { vi: 'Mã đoạn kéo', en: 'Extension id' },
  parent_id: { vi: 'Nối từ', en: 'Joins' },
  start_lon: { vi: 'Kinh độ đầu', en: 'Start longitude' },
  start_lat: { vi: 'Vĩ độ đầu', en: 'Start latitude' },
  end_lon: { vi: 'Kinh độ cuối', en: 'End longitude' },
  end_lat: { vi: 'Vĩ độ cuối', en: 'End latitude' },
  length_m: { vi: 'Chiều dài (m)', en: 'Length (m)' },
  households_gained: { vi: 'Hộ thêm', en: 'Households gained' },
  site_id: { vi: 'Mã trạm', en: 'Site id' },
  operator: { vi: 'Nhà mạng', en: 'Operator' },
  lon: { vi: 'Kinh độ', en: 'Longitude' },
  lat: { vi: 'Vĩ độ', en: 'Latitude' },
  households_lifted: { vi: 'Hộ thoát sóng yếu', en: 'Households lifted' },
  households_covered: { vi: 'Hộ được phủ', en: 'Households covered' },
  duplicate_pct: { vi: 'Phủ trùng (%)', en: 'Duplicated coverage (%)' },
  wards: { vi: 'Xã, phường phục vụ', en: 'Units served' },
  nearest_site_id: { vi: 'Trạm gần nhất', en: 'Nearest site' },
  nearest_distance_m: { vi: 'Khoảng cách trạm gần nhất (m)', en: 'Nearest site distance (m)' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  comment: { vi: 'Ghi chú', en: 'Comment' },
  decided_at: { vi: 'Thời điểm quyết định', en: 'Decided at' },
};

/**
 * Adds `ward_name` (when absent) and `former_district` right after `ward_id`, filled from `units` by code (empty
 * for a code not in `units`); a table without `ward_id` is returned as is.
 *
 * @example withUnitColumns({ name: 'x', columns: ['ward_id', 'm'], rows: [['11311', 5]] }, units).columns // ['ward_id', 'ward_name', 'former_district', 'm']
 */
export function withUnitColumns(table: Table, units: ReadonlyMap<string, UnitLabel>): Table {
  const idColumn = table.columns.indexOf('ward_id');
  if (idColumn === -1 || table.columns.includes('former_district')) return table;
  const hasName = table.columns[idColumn + 1] === 'ward_name';
  const at = idColumn + (hasName ? 2 : 1);
  const added = hasName ? ['former_district'] : ['ward_name', 'former_district'];
  const insert = <T>(list: readonly T[], values: T[]): T[] => [...list.slice(0, at), ...values, ...list.slice(at)];
  return {
    ...table,
    columns: insert(table.columns, added),
    rows: table.rows.map((row) => {
      const unit = typeof row[idColumn] === 'string' ? units.get(row[idColumn]) : undefined;
      return insert(row, hasName ? [unit?.formerDistricts ?? ''] : [unit?.name ?? '', unit?.formerDistricts ?? '']);
    }),
    numberFormats: table.numberFormats === undefined ? undefined : insert(table.numberFormats, added.map(() => null)),
  };
}

/** The table with its known headers in `language` (unknown columns keep their name). */
export function localiseHeaders(table: Table, language: Language): Table {
  return { ...table, columns: table.columns.map((column) => HEADERS[column]?.[language] ?? column) };
}

/** Both: the unit columns, then the headers in the UI language. */
export function tableForPlanner(table: Table, units: ReadonlyMap<string, UnitLabel>, language: Language): Table {
  return localiseHeaders(withUnitColumns(table, units), language);
}
