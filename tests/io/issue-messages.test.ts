import { describe, expect, it } from 'vitest';
import type { ImportIssue, IssueCode } from '../../src/io/import-result.ts';
import { describeIssue } from '../../src/io/issue-messages.ts';

const row = (index: number | null, code: IssueCode, column?: string, params?: ImportIssue['params'], severity: ImportIssue['severity'] = 'error'): ImportIssue => ({
  file: 'households.csv', index, indexKind: 'row', code, severity, ...(column === undefined ? {} : { column }), ...(params === undefined ? {} : { params }),
});
const feature = (index: number | null, code: IssueCode, column?: string, params?: ImportIssue['params']): ImportIssue => ({
  ...row(index, code, column, params), file: 'wards.geojson', indexKind: 'feature',
});
const target = (index: number | null, code: IssueCode, column?: string, params?: ImportIssue['params']): ImportIssue => ({
  ...row(index, code, column, params), file: 'targets.json', indexKind: 'target',
});

/** One sample of every code, with the params its parser gives it (typed: a new code must be added here). */
const SAMPLES: Record<IssueCode, ImportIssue> = {
  'file-unparseable': feature(null, 'file-unparseable', undefined, { format: 'GeoJSON', detail: 'Unexpected end of JSON input' }),
  'file-empty': row(null, 'file-empty'),
  'no-valid-rows': row(null, 'no-valid-rows', undefined, { count: 3, first: 2 }),
  'missing-column': row(null, 'missing-column', 'lat', { allowed: 'lat, latitude, y', value: 'id, lon' }),
  'missing-value': row(4, 'missing-value', 'operator'),
  'not-a-number': row(7, 'not-a-number', 'lon', { value: 'abc' }),
  'not-an-integer': row(6, 'not-an-integer', 'count', { value: '2.5' }),
  'out-of-range': row(5, 'out-of-range', 'azimuth_deg', { value: '400', min: 0, max: 360 }),
  'unknown-value': row(3, 'unknown-value', 'technology', { value: '6G', allowed: '2G, 3G, 4G, 5G' }),
  'lon-out-of-range': row(7, 'lon-out-of-range', 'lon', { lon: '206.68', lat: '20.84' }),
  'lat-out-of-range': row(8, 'lat-out-of-range', 'lat', { lon: '106.68', lat: '95' }),
  'lon-lat-swapped': row(6, 'lon-lat-swapped', undefined, { lon: '20.85', lat: '106.7' }),
  'duplicate-id': row(9, 'duplicate-id', 'household_id', { value: 'a1', first: 2 }),
  'invalid-geojson': feature(8, 'invalid-geojson', undefined, { detail: 'type must be "Feature"' }),
  'feature-array-root': feature(null, 'feature-array-root', undefined, { count: 3 }),
  'unsupported-crs': feature(null, 'unsupported-crs', undefined, { value: 'urn:ogc:def:crs:EPSG::3405' }),
  'wrong-geometry-type': feature(2, 'wrong-geometry-type', undefined, { value: 'LineString', allowed: 'Polygon, MultiPolygon' }),
  'missing-geometry': feature(3, 'missing-geometry'),
  'unclosed-ring': feature(1, 'unclosed-ring', undefined, { ring: 1, first: '106.6, 20.8', last: '106.605, 20.8' }),
  'too-few-positions': feature(6, 'too-few-positions', undefined, { part: 'ring', count: 3, min: 4 }),
  'too-many-fields': row(11, 'too-many-fields', undefined, { count: 5, expected: 4, value: ',' }),
  'unclosed-quote': row(3, 'unclosed-quote'),
  'bad-quotes': row(3, 'bad-quotes'),
  'used-exceeds-capacity': feature(5, 'used-exceeds-capacity', undefined, { used: 20, capacity: 16 }),
  'unknown-ward': row(null, 'unknown-ward', undefined, { count: 12 }),
  'defaulted-field': row(null, 'defaulted-field', 'rs_power_dbm', { count: 12000, value: '15.2 (4G), 43 (2G)' }),
  'outside-all-wards': row(null, 'outside-all-wards', undefined, { count: 1500 }),
  'overlapping-wards': row(null, 'overlapping-wards', undefined, { count: 42 }),
  'needs-geometry': row(null, 'needs-geometry', undefined, { allowed: 'Polygon, MultiPolygon', format: 'CSV' }),
  'invalid-prj': feature(null, 'invalid-prj', undefined, { detail: 'not a WKT coordinate system' }),
  'crs-required': row(null, 'crs-required', undefined, { value: '2306067, 597432', guessEastingM: 597432, guessNorthingM: 2306067, guessLikely: 'tm3' }),
  'outside-crs-area': row(4, 'outside-crs-area', undefined, { x: '106.7', y: '20.8', crs: 'VN-2000 / TM-3 105°45′' }),
  'survey-axis-order': row(null, 'survey-axis-order', undefined, { count: 120, crs: 'VN-2000 / TM-3 105°45′' }),
  'encoding-guessed': feature(null, 'encoding-guessed', undefined, { value: 'windows-1258' }),
  'legacy-encoding': feature(null, 'legacy-encoding', undefined, { value: 'TCVN3', sample: 'Ph­êng Lª Ch©n' }),
  'sheet-chosen': { ...row(null, 'sheet-chosen', undefined, { value: 'Trạm', allowed: 'Trạm, Ghi chú' }), severity: 'warning' },
  'unused-columns': row(null, 'unused-columns', undefined, { value: 'STT, Ghi chú' }),
  'mapped-column-missing': row(null, 'mapped-column-missing', 'site_id', { value: 'Mã trạm' }),
  'deleted-records': feature(null, 'deleted-records', undefined, { count: 2 }),
  'not-a-date': target(2, 'not-a-date', 'deadline', { value: '31/12/2030' }),
  'not-a-target-set': target(null, 'not-a-target-set'),
  'unsupported-version': target(null, 'unsupported-version', 'schemaVersion', { value: '2', allowed: '1' }),
  'unit-not-mapped': row(5, 'unit-not-mapped', 'share', { value: '11302' }),
  'ward-ids-other-layout': { ...row(null, 'ward-ids-other-layout', 'ward_id'), severity: 'warning' },
};

/** Letters only Vietnamese uses: a message with none of them has lost its diacritics. */
const VIETNAMESE_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe('describeIssue', () => {
  it('names the sheet of a workbook row before the row, in English and Vietnamese', () => {
    const issue: ImportIssue = { ...SAMPLES['not-a-number'], file: 'sites.xlsx', sheet: 'Trạm BTS' };
    expect(describeIssue(issue, 'en')).toBe("Sheet 'Trạm BTS', row 7, column 'lon': “abc” is not a number.");
    expect(describeIssue(issue, 'vi')).toBe("Trang tính 'Trạm BTS', dòng 7, cột 'lon': “abc” không phải là số.");
  });

  it('names row, column and the value as written, in English and Vietnamese', () => {
    const issue = SAMPLES['not-a-number'];
    expect(describeIssue(issue, 'en')).toBe("Row 7, column 'lon': “abc” is not a number.");
    expect(describeIssue(issue, 'vi')).toBe("Dòng 7, cột 'lon': “abc” không phải là số.");
  });

  it('says that coordinates look swapped and how to fix it, for CSV rows and GeoJSON features', () => {
    expect(describeIssue(SAMPLES['lon-lat-swapped'], 'en')).toBe(
      'Row 6: longitude 20.85 and latitude 106.7 look swapped (a latitude cannot exceed 90°); swap the two columns.',
    );
    expect(describeIssue(SAMPLES['lon-lat-swapped'], 'vi')).toBe(
      'Dòng 6: kinh độ 20.85 và vĩ độ 106.7 có vẻ bị đảo chỗ (vĩ độ không thể vượt quá 90°); hãy đổi chỗ hai cột.',
    );
    const geojson = feature(4, 'lon-lat-swapped', undefined, { lon: 20.8, lat: 106.6 });
    expect(describeIssue(geojson, 'en')).toBe(
      'Feature 4: longitude 20.8 and latitude 106.6 look swapped (a latitude cannot exceed 90°); GeoJSON positions are [longitude, latitude].',
    );
    expect(describeIssue(geojson, 'vi')).toMatch(/^Đối tượng 4: kinh độ 20\.8 và vĩ độ 106\.6 có vẻ bị đảo chỗ/);
  });

  it('summarises a defaulted column with counts formatted for the language', () => {
    const issue = SAMPLES['defaulted-field'];
    expect(describeIssue(issue, 'en')).toBe(
      "Column 'rs_power_dbm': empty or missing in 12,000 rows; filled with the default: 15.2 (4G), 43 (2G).",
    );
    expect(describeIssue(issue, 'vi')).toBe(
      "Cột 'rs_power_dbm': trống hoặc thiếu ở 12.000 dòng; đã điền giá trị mặc định: 15.2 (4G), 43 (2G).",
    );
  });

  it('gives ranges, accepted values and where a repeated id was first used', () => {
    expect(describeIssue(SAMPLES['out-of-range'], 'en')).toBe("Row 5, column 'azimuth_deg': “400” is outside the accepted range 0 to 360.");
    expect(describeIssue(SAMPLES['out-of-range'], 'vi')).toBe("Dòng 5, cột 'azimuth_deg': “400” nằm ngoài khoảng cho phép từ 0 đến 360.");
    expect(describeIssue(row(5, 'out-of-range', 'capacity', { value: '-1', min: 0 }), 'en')).toBe("Row 5, column 'capacity': “-1” is below the minimum 0.");
    expect(describeIssue(SAMPLES['duplicate-id'], 'en')).toBe("Row 9, column 'household_id': id “a1” is already used by row 2; this repeat was rejected.");
    expect(describeIssue(SAMPLES['duplicate-id'], 'vi')).toBe("Dòng 9, cột 'household_id': mã “a1” đã được dùng ở dòng 2; bản lặp này bị loại.");
    const kept = row(12, 'unknown-value', 'model', { value: 'okumura', allowed: 'fspl, okumura-hata' }, 'warning');
    expect(describeIssue(kept, 'en')).toBe(
      "Row 12, column 'model': “okumura” is not a recognised value (accepted: fspl, okumura-hata). The value was ignored; the row is kept.",
    );
    expect(describeIssue(kept, 'vi')).toBe(
      "Dòng 12, cột 'model': “okumura” không phải giá trị hợp lệ (chấp nhận: fspl, okumura-hata). Giá trị bị bỏ qua; dòng vẫn được giữ.",
    );
  });

  it('points at projected coordinates when the values are in metres', () => {
    const projected = row(15, 'lat-out-of-range', 'lat', { lon: '591234.5', lat: '2301234.8' });
    expect(describeIssue(projected, 'en')).toMatch(/latitude 2301234\.8 is outside −90…90 \(these look like projected coordinates such as VN-2000/);
    expect(describeIssue(projected, 'vi')).toMatch(/tọa độ phẳng, ví dụ mét VN-2000/);
    expect(describeIssue(SAMPLES['lon-out-of-range'], 'en')).toBe("Row 7, column 'lon': longitude 206.68 is outside −180…180.");
  });

  it('whole-file problems have no place and start with a capital', () => {
    expect(describeIssue(SAMPLES['file-unparseable'], 'en')).toBe('The file cannot be read as GeoJSON: Unexpected end of JSON input.');
    expect(describeIssue(SAMPLES['file-unparseable'], 'vi')).toBe('Không đọc được tệp theo định dạng GeoJSON: Unexpected end of JSON input.');
    expect(describeIssue(SAMPLES['no-valid-rows'], 'en')).toBe(
      'None of the 3 rows could be used (the first rejected is row 2); each has its reason in the import report.',
    );
    expect(describeIssue(SAMPLES['no-valid-rows'], 'vi')).toBe(
      'Không dùng được dòng nào trong 3 dòng (dòng bị loại đầu tiên là 2); lý do của từng mục có trong báo cáo nhập dữ liệu.',
    );
  });

  it('quotes imported text verbatim (HTML stays text for the UI to escape) and cuts very long values', () => {
    const html = row(2, 'not-a-number', 'lon', { value: '<img src=x onerror=alert(1)>' });
    expect(describeIssue(html, 'en')).toBe("Row 2, column 'lon': “<img src=x onerror=alert(1)>” is not a number.");
    const long = describeIssue(row(2, 'not-a-number', 'lon', { value: 'x'.repeat(200) }), 'en');
    expect(long).toBe(`Row 2, column 'lon': “${'x'.repeat(80)}…” is not a number.`);
  });

  it('names the targets of a target set by their index', () => {
    expect(describeIssue(SAMPLES['not-a-date'], 'en')).toBe("Target 2, column 'deadline': “31/12/2030” is not a date; write YYYY-MM-DD, YYYY-MM or YYYY.");
    expect(describeIssue(SAMPLES['not-a-date'], 'vi')).toBe("Mục tiêu 2, cột 'deadline': “31/12/2030” không phải ngày hợp lệ; hãy viết theo dạng YYYY-MM-DD, YYYY-MM hoặc YYYY.");
    expect(describeIssue(target(3, 'duplicate-id', 'id', { value: 'fibre-80', first: 1 }), 'en')).toBe("Target 3, column 'id': id “fibre-80” is already used by target 1; this repeat was rejected.");
    expect(describeIssue(target(null, 'no-valid-rows', undefined, { count: 2, first: 0 }), 'vi')).toBe(
      'Không dùng được mục tiêu nào trong 2 mục tiêu (mục tiêu bị loại đầu tiên là 0); lý do của từng mục có trong báo cáo nhập dữ liệu.',
    );
  });

  it('tells rows from features by the file name when the issue does not say', () => {
    const { indexKind: _, ...bare } = SAMPLES['missing-geometry'];
    expect(describeIssue(bare, 'en')).toBe('Feature 3: the feature has no geometry.');
    expect(describeIssue({ ...bare, file: 'layer.csv' }, 'en')).toMatch(/^Row 3:/);
  });

  it('renders every code as a full sentence in both languages, Vietnamese with its diacritics', () => {
    for (const [code, issue] of Object.entries(SAMPLES)) {
      const en = describeIssue(issue, 'en');
      const vi = describeIssue(issue, 'vi');
      for (const text of [en, vi]) {
        expect(text, code).not.toMatch(/undefined|NaN|\$\{|“”/);
        expect(text, code).toMatch(/^[A-ZĐ0-9].*[.)]$/u);
      }
      expect(vi, code).not.toBe(en);
      expect(vi, code).toMatch(VIETNAMESE_LETTERS);
    }
  });
});
