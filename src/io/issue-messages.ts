/**
 * Import issues as sentences a planner can act on, in Vietnamese or English: where (row or feature,
 * column), the value as written, what is wrong and how to fix it. The CLI writes the English text into
 * rejected.csv; the app shows the language of its interface. Values are quoted verbatim (the UI escapes them).
 */
import { describeProjectedGuess, projectedGuessOfParams } from './guess-crs.ts';
import type { ImportIssue, IndexKind, IssueCode } from './import-result.ts';

export type MessageLanguage = 'vi' | 'en';

/** Longest value quoted in full; longer ones are cut with an ellipsis. */
const MAX_QUOTED_CHARS = 80;

interface MessageContext {
  /** Reads a parameter as text ('' when absent). */
  text(name: string): string;
  /** A count parameter formatted for the language (12.000 / 12,000). */
  count(name: string): string;
  /** A count of rows or features with its noun: "1 row", "12,000 rows" / "12.000 dòng". */
  places(name: string): string;
  /** A parameter as a quoted value: “value”. */
  quoted(name: string): string;
  /** Whether the issue counts CSV rows (else GeoJSON features or targets). */
  rows: boolean;
  /** What the index counts, as a noun: row / feature / target, dòng / đối tượng / mục tiêu. */
  noun: string;
  issue: ImportIssue;
}

type Sentence = (context: MessageContext) => string;

/** The CRS guess an issue carries (guess-crs.ts), in words. */
function guessText(c: MessageContext, language: MessageLanguage): string {
  const guess = projectedGuessOfParams(c.issue.params);
  return guess === null ? '' : describeProjectedGuess(guess, language);
}

/** The body of each message, without its place; Vietnamese with full diacritics. */
const MESSAGES: Record<IssueCode, Record<MessageLanguage, Sentence>> = {
  'file-unparseable': {
    en: (c) => `the file cannot be read as ${c.text('format')}: ${c.text('detail')}.`,
    vi: (c) => `không đọc được tệp theo định dạng ${c.text('format')}: ${c.text('detailVi') || c.text('detail')}.`,
  },
  'file-empty': {
    en: (c) => (c.rows ? 'the file has no data rows.' : `the file has no ${c.noun}s.`),
    vi: (c) => (c.rows ? 'tệp không có dòng dữ liệu nào.' : `tệp không có ${c.noun} nào.`),
  },
  'no-valid-rows': {
    en: (c) =>
      `none of the ${c.places('count')} could be used` +
      (c.text('first') === '' ? '' : ` (the first rejected is ${c.noun} ${c.text('first')})`) +
      '; each has its reason in the import report.',
    vi: (c) =>
      `không dùng được ${c.noun} nào trong ${c.places('count')}` +
      (c.text('first') === '' ? '' : ` (${c.noun} bị loại đầu tiên là ${c.text('first')})`) +
      '; lý do của từng mục có trong báo cáo nhập dữ liệu.',
  },
  'missing-column': {
    en: (c) => `this required column is missing (accepted names: ${c.text('allowed')}); the header has: ${c.text('value')}.`,
    vi: (c) => `thiếu cột bắt buộc này (các tên được chấp nhận: ${c.text('allowed')}); dòng tiêu đề có: ${c.text('value')}.`,
  },
  'missing-value': {
    en: () => 'the value is empty but required.',
    vi: () => 'ô trống nhưng giá trị này là bắt buộc.',
  },
  'not-a-number': {
    en: (c) => `${c.quoted('value')} is not a number.`,
    vi: (c) => `${c.quoted('value')} không phải là số.`,
  },
  'not-an-integer': {
    en: (c) => `${c.quoted('value')} is not a whole number.`,
    vi: (c) => `${c.quoted('value')} không phải là số nguyên.`,
  },
  'out-of-range': {
    en: (c) =>
      c.text('max') === ''
        ? `${c.quoted('value')} is below the minimum ${c.text('min')}.`
        : `${c.quoted('value')} is outside the accepted range ${c.text('min')} to ${c.text('max')}.`,
    vi: (c) =>
      c.text('max') === ''
        ? `${c.quoted('value')} nhỏ hơn mức tối thiểu ${c.text('min')}.`
        : `${c.quoted('value')} nằm ngoài khoảng cho phép từ ${c.text('min')} đến ${c.text('max')}.`,
  },
  'unknown-value': {
    en: (c) =>
      `${c.quoted('value')} is not a recognised value (accepted: ${c.text('allowed')}).` +
      (c.issue.severity === 'warning' ? ` The value was ignored; the ${c.noun} is kept.` : ''),
    vi: (c) =>
      `${c.quoted('value')} không phải giá trị hợp lệ (chấp nhận: ${c.text('allowed')}).` +
      (c.issue.severity === 'warning' ? ` Giá trị bị bỏ qua; ${c.noun} vẫn được giữ.` : ''),
  },
  'lon-out-of-range': {
    en: (c) => `longitude ${c.text('lon')} is outside −180…180${projectedHint(c, 'en')}.`,
    vi: (c) => `kinh độ ${c.text('lon')} nằm ngoài khoảng −180…180${projectedHint(c, 'vi')}.`,
  },
  'lat-out-of-range': {
    en: (c) => `latitude ${c.text('lat')} is outside −90…90${projectedHint(c, 'en')}.`,
    vi: (c) => `vĩ độ ${c.text('lat')} nằm ngoài khoảng −90…90${projectedHint(c, 'vi')}.`,
  },
  'lon-lat-swapped': {
    en: (c) =>
      `longitude ${c.text('lon')} and latitude ${c.text('lat')} look swapped (a latitude cannot exceed 90°); ` +
      (c.rows ? 'swap the two columns.' : 'GeoJSON positions are [longitude, latitude].'),
    vi: (c) =>
      `kinh độ ${c.text('lon')} và vĩ độ ${c.text('lat')} có vẻ bị đảo chỗ (vĩ độ không thể vượt quá 90°); ` +
      (c.rows ? 'hãy đổi chỗ hai cột.' : 'tọa độ GeoJSON phải theo thứ tự [kinh độ, vĩ độ].'),
  },
  'duplicate-id': {
    en: (c) => `id ${c.quoted('value')} is already used by ${c.noun} ${c.text('first')}; this repeat was rejected.`,
    vi: (c) => `mã ${c.quoted('value')} đã được dùng ở ${c.noun} ${c.text('first')}; bản lặp này bị loại.`,
  },
  'invalid-geojson': {
    en: (c) => `not valid GeoJSON: ${c.text('detail')}.`,
    vi: (c) => `không phải GeoJSON hợp lệ: ${c.text('detail')}.`,
  },
  'feature-array-root': {
    en: (c) => `the file holds a bare array of ${c.places('count')} instead of a FeatureCollection; it was read as a FeatureCollection of those features.`,
    vi: (c) => `tệp chứa một mảng ${c.places('count')} thay vì một FeatureCollection; đã đọc như một FeatureCollection gồm các đối tượng đó.`,
  },
  'unsupported-crs': {
    en: (c) =>
      `the coordinates are in ${c.quoted('value')}, which phusong cannot convert (it reads WGS84, VN-2000 geographic, and the UTM and TM-3 zones of VN-2000); reproject the file (e.g. in QGIS) and import it again.`,
    vi: (c) =>
      `tọa độ đang ở hệ ${c.quoted('value')}, phusong không chuyển đổi được hệ này (phusong đọc WGS84, VN-2000 địa lý, các múi UTM và TM-3 của VN-2000); hãy chuyển hệ tọa độ (ví dụ bằng QGIS) rồi nhập lại.`,
  },
  'wrong-geometry-type': {
    en: (c) => `geometry type ${c.quoted('value')} does not belong in this layer (accepted: ${c.text('allowed')}).`,
    vi: (c) => `kiểu hình học ${c.quoted('value')} không thuộc lớp này (chấp nhận: ${c.text('allowed')}).`,
  },
  'missing-geometry': {
    en: () => 'the feature has no geometry.',
    vi: () => 'đối tượng không có hình học (geometry).',
  },
  'unclosed-ring': {
    en: (c) =>
      `ring ${c.text('ring')} is not closed: it starts at [${c.text('first')}] but ends at [${c.text('last')}]; the last position must repeat the first.`,
    vi: (c) =>
      `vòng ${c.text('ring')} không khép kín: bắt đầu tại [${c.text('first')}] nhưng kết thúc tại [${c.text('last')}]; điểm cuối phải trùng điểm đầu.`,
  },
  'too-few-positions': {
    en: (c) =>
      c.text('part') === 'ring'
        ? `a ring has ${c.text('count')} positions; a closed ring needs at least ${c.text('min')}.`
        : `a line has ${c.text('count')} positions; it needs at least ${c.text('min')}.`,
    vi: (c) =>
      c.text('part') === 'ring'
        ? `một vòng chỉ có ${c.text('count')} điểm; vòng khép kín cần ít nhất ${c.text('min')} điểm.`
        : `một đường chỉ có ${c.text('count')} điểm; cần ít nhất ${c.text('min')} điểm.`,
  },
  'too-many-fields': {
    en: (c) =>
      c.text('value') === ''
        ? `the row has values in ${c.text('count')} columns but the header has ${c.text('expected')}; give the extra column a header (or move the value) and import again.`
        : `the row has ${c.text('count')} fields but the header has ${c.text('expected')} columns; a value probably contains an unquoted ${delimiterName(c, 'en')}: put that value in double quotes.`,
    vi: (c) =>
      c.text('value') === ''
        ? `dòng có giá trị ở ${c.text('count')} cột nhưng tiêu đề chỉ có ${c.text('expected')} cột; hãy đặt tiêu đề cho cột thừa (hoặc chuyển giá trị đi) rồi nhập lại.`
        : `dòng có ${c.text('count')} trường nhưng tiêu đề có ${c.text('expected')} cột; có lẽ một giá trị chứa ${delimiterName(c, 'vi')} mà không nằm trong ngoặc kép: hãy đặt giá trị đó trong ngoặc kép.`,
  },
  'unclosed-quote': {
    en: () => 'a quoted field opened on this row is never closed, so the rest of the file was read into it; close the quote (").',
    vi: () => 'một trường mở ngoặc kép ở dòng này không được đóng, nên phần còn lại của tệp bị đọc vào trường đó; hãy đóng ngoặc kép (").',
  },
  'bad-quotes': {
    en: () => 'a double quote is misplaced; a quoted field must look "like this", with any quote inside it doubled ("").',
    vi: () => 'dấu ngoặc kép đặt sai chỗ; trường có ngoặc kép phải có dạng "như thế này", dấu ngoặc kép bên trong phải viết đôi ("").',
  },
  'used-exceeds-capacity': {
    en: (c) => `the node has ${c.text('used')} ports in use but a capacity of only ${c.text('capacity')}; kept as given, check the figures.`,
    vi: (c) => `nút có ${c.text('used')} cổng đang dùng nhưng dung lượng chỉ ${c.text('capacity')}; vẫn giữ nguyên, hãy kiểm tra lại số liệu.`,
  },
  'unknown-ward': {
    en: (c) =>
      c.text('count') !== ''
        ? `${c.count('count')} points have a ward id that matches no ward; they were located by position instead.`
        : `ward id ${c.quoted('value')} matches no ward; the point was located by position instead.`,
    vi: (c) =>
      c.text('count') !== ''
        ? `${c.count('count')} điểm có mã phường/xã/đặc khu không khớp phường/xã/đặc khu nào; chúng được xác định theo vị trí.`
        : `mã phường/xã/đặc khu ${c.quoted('value')} không khớp phường/xã/đặc khu nào; điểm được xác định theo vị trí.`,
  },
  'defaulted-field': {
    en: (c) =>
      c.text('from') !== ''
        ? `empty in ${c.places('count')}; the value of ${c.quoted('from')} was used instead.`
        : `empty or missing in ${c.places('count')}; filled with the default: ${c.text('value')}.`,
    vi: (c) =>
      c.text('from') !== ''
        ? `trống ở ${c.places('count')}; đã dùng giá trị của ${c.quoted('from')} thay thế.`
        : `trống hoặc thiếu ở ${c.places('count')}; đã điền giá trị mặc định: ${c.text('value')}.`,
  },
  'outside-all-wards': {
    // `count` is households; `points` (when given) the points holding them
    en: (c) =>
      `${c.count('count')} households${c.text('points') === '' ? '' : ` (in ${c.count('points')} points)`} lie outside every ward; they are counted under no ward and exported with an empty ward_id.`,
    vi: (c) =>
      `${c.count('count')} hộ${c.text('points') === '' ? '' : ` (ở ${c.count('points')} điểm)`} nằm ngoài mọi phường/xã/đặc khu; chúng được tính vào nhóm không thuộc phường/xã/đặc khu nào và xuất với ward_id trống.`,
  },
  'overlapping-wards': {
    en: (c) => `${c.count('count')} points lie inside more than one ward outline; each was given to the smallest of those wards.`,
    vi: (c) => `${c.count('count')} điểm nằm trong nhiều ranh giới phường/xã/đặc khu chồng lấn; mỗi điểm được gán cho phường/xã/đặc khu nhỏ nhất trong số đó.`,
  },
  'needs-geometry': {
    en: (c) =>
      `this layer needs shapes (${c.text('allowed')}), which a ${c.text('format')} table cannot hold; import it as GeoJSON, KML/KMZ or a Shapefile.`,
    vi: (c) =>
      `lớp này cần dữ liệu hình học (${c.text('allowed')}) mà bảng ${c.text('format')} không chứa được; hãy nhập dưới dạng GeoJSON, KML/KMZ hoặc Shapefile.`,
  },
  'invalid-prj': {
    en: (c) => `the .prj file is not a coordinate system phusong can read: ${c.text('detail')}.`,
    vi: (c) => `tệp .prj không phải hệ tọa độ mà phusong đọc được: ${c.text('detail')}.`,
  },
  'crs-required': {
    en: (c) =>
      `the coordinates (e.g. ${c.text('value')}) are not longitude/latitude degrees; they look like ${guessText(c, 'en')}. Say which coordinate system they are in (CLI: --crs, e.g. --crs vn2000-tm3:105.75 for Hải Phòng's VN-2000 TM-3 zone).`,
    vi: (c) =>
      `tọa độ (ví dụ ${c.text('value')}) không phải kinh độ/vĩ độ tính bằng độ; có vẻ là ${guessText(c, 'vi')}. Hãy chọn hệ tọa độ của tệp (dòng lệnh: --crs, ví dụ --crs vn2000-tm3:105.75 cho múi TM-3 VN-2000 của Hải Phòng).`,
  },
  'outside-crs-area': {
    en: (c) =>
      `the coordinates ${c.text('x')}, ${c.text('y')} read in ${c.quoted('crs')} fall outside the area that system covers; check the coordinate system chosen for the file.`,
    vi: (c) =>
      `tọa độ ${c.text('x')}, ${c.text('y')} đọc theo hệ ${c.quoted('crs')} nằm ngoài vùng hệ đó áp dụng; hãy kiểm tra hệ tọa độ đã chọn cho tệp.`,
  },
  'survey-axis-order': {
    en: (c) =>
      `in ${c.places('count')} the X column held the northing and Y the easting (the Vietnamese survey order, X pointing north); they were read that way.`,
    vi: (c) => `trong ${c.places('count')}, cột X chứa tọa độ bắc và Y chứa tọa độ đông (quy ước trắc địa Việt Nam, trục X hướng bắc); đã đọc theo quy ước đó.`,
  },
  'encoding-guessed': {
    en: (c) =>
      `the text is not UTF-8 and its encoding is not given (a Shapefile gives it in a .cpg file); it was read as ${c.text('value')}, the Vietnamese Windows code page. If names look wrong, save the file as UTF-8 (or add a .cpg).`,
    vi: (c) =>
      `văn bản không ở dạng UTF-8 và tệp không cho biết bảng mã (Shapefile ghi bảng mã trong tệp .cpg); đã đọc theo ${c.text('value')}, bảng mã Windows tiếng Việt. Nếu tên hiển thị sai, hãy lưu tệp dạng UTF-8 (hoặc thêm tệp .cpg).`,
  },
  'legacy-encoding': {
    en: (c) =>
      `the text looks typed in the ${c.text('value')} font encoding, not Unicode (e.g. ${c.quoted('sample')}), so names show garbled. Convert the file to Unicode (e.g. Unikey's converter, from ${c.text('value')} to Unicode) and import it again.`,
    vi: (c) =>
      `văn bản có vẻ gõ bằng bảng mã ${c.text('value')}, không phải Unicode (ví dụ ${c.quoted('sample')}), nên tên bị lỗi phông. Hãy chuyển mã tệp sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey, từ ${c.text('value')} sang Unicode) rồi nhập lại.`,
  },
  'sheet-chosen': {
    en: (c) => `the workbook has several sheets (${c.text('allowed')}); sheet ${c.quoted('value')} was read. To read another, choose it (CLI: --sheet NAME).`,
    vi: (c) => `sổ tính có nhiều trang tính (${c.text('allowed')}); đã đọc trang ${c.quoted('value')}. Muốn đọc trang khác, hãy chọn trang đó (dòng lệnh: --sheet TÊN).`,
  },
  'unused-columns': {
    en: (c) => `these columns are not used by this layer: ${c.text('value')}. If one holds a field the layer needs, map it to that field (CLI: --map FILE).`,
    vi: (c) => `các cột sau không được lớp này sử dụng: ${c.text('value')}. Nếu một cột chứa trường mà lớp cần, hãy ánh xạ cột đó vào trường (dòng lệnh: --map TỆP).`,
  },
  'mapped-column-missing': {
    en: (c) => `the column map names ${c.quoted('value')} for this field, but the file has no such column.`,
    vi: (c) => `bảng ánh xạ cột chỉ định ${c.quoted('value')} cho trường này, nhưng tệp không có cột đó.`,
  },
  'deleted-records': {
    en: (c) => `${c.count('count')} records are marked deleted in the .dbf; they were left out, as GIS software does.`,
    vi: (c) => `${c.count('count')} bản ghi được đánh dấu xóa trong tệp .dbf; chúng được bỏ qua, như các phần mềm GIS vẫn làm.`,
  },
  'not-a-date': {
    en: (c) => `${c.quoted('value')} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY.`,
    vi: (c) => `${c.quoted('value')} không phải ngày hợp lệ; hãy viết theo dạng YYYY-MM-DD, YYYY-MM hoặc YYYY.`,
  },
  'not-a-target-set': {
    en: () => 'the file is not a target set: it needs a JSON object with “schemaVersion”, “id”, “name” and a “targets” list (docs/targets.md).',
    vi: () => 'tệp không phải bộ mục tiêu: cần một đối tượng JSON có “schemaVersion”, “id”, “name” và danh sách “targets” (xem docs/targets.md).',
  },
  'unsupported-version': {
    en: (c) => `schema version ${c.quoted('value')} is not supported; this version of phusong reads ${c.text('allowed')}.`,
    vi: (c) => `phiên bản lược đồ ${c.quoted('value')} không được hỗ trợ; phiên bản phusong này đọc được ${c.text('allowed')}.`,
  },
  'unit-not-mapped': {
    en: (c) => `unit ${c.quoted('value')} has no row with share 1, so its households go to no new unit; give exactly one of its rows share 1.`,
    vi: (c) => `đơn vị ${c.quoted('value')} không có dòng nào có share bằng 1, nên hộ của đơn vị này không được tính vào đơn vị mới nào; hãy đặt share = 1 cho đúng một dòng của đơn vị.`,
  },
  'ward-ids-other-layout': {
    en: () =>
      'its codes are those of the 114 units of 2025 and the ward file given is not those units: every household was located in it by its position. To read the codes through the crosswalk, give --layout 2019 (or 2025).',
    vi: () =>
      'mã trong cột là mã của 114 đơn vị năm 2025, còn tệp ranh giới đã cho không phải các đơn vị đó: mọi hộ được xác định đơn vị theo vị trí. Muốn đọc mã qua bảng chuyển đổi, hãy dùng --layout 2019 (hoặc 2025).',
  },
};

/** The noun for what an index counts, singular. */
const INDEX_NOUNS: Record<IndexKind, Record<MessageLanguage, string>> = {
  row: { en: 'row', vi: 'dòng' },
  feature: { en: 'feature', vi: 'đối tượng' },
  target: { en: 'target', vi: 'mục tiêu' },
};

/** Projected coordinates (VN-2000 metres are in the hundreds of thousands) are the usual cause of huge values. */
function projectedHint(c: MessageContext, language: MessageLanguage): string {
  const large = Math.abs(Number(c.text('lon'))) > 1000 || Math.abs(Number(c.text('lat'))) > 1000;
  if (!large) return '';
  return language === 'en'
    ? ' (these look like projected coordinates such as VN-2000 metres; give the coordinate system of the file, e.g. --crs vn2000-tm3:105.75, or convert them to WGS84 longitude/latitude degrees)'
    : ' (có vẻ là tọa độ phẳng, ví dụ mét VN-2000; hãy chọn hệ tọa độ của tệp, ví dụ --crs vn2000-tm3:105.75, hoặc chuyển sang kinh độ/vĩ độ WGS84 tính bằng độ)';
}

function delimiterName(c: MessageContext, language: MessageLanguage): string {
  const delimiter = c.text('value');
  if (delimiter === '\t') return language === 'en' ? 'tab' : 'dấu tab';
  return language === 'en' ? `'${delimiter}'` : `dấu '${delimiter}'`;
}

/**
 * Row, feature or target in the file, as a person counts it (CSV spreadsheet rows; GeoJSON 0-based features;
 * 0-based targets of a target set); without `indexKind`, by the file's name.
 */
function indexKindOf(issue: ImportIssue): IndexKind {
  if (issue.indexKind !== undefined) return issue.indexKind;
  return /\.(geo)?json(\.gz)?$/i.test(issue.file) ? 'feature' : 'row';
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko…, presentation forms) and bidi controls. */
const BIDI_TEXT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

/**
 * A value in quotes, cut at MAX_QUOTED_CHARS. One holding right-to-left text or bidi controls is isolated
 * (U+2068 … U+2069, Unicode UAX #9) so that an override in it cannot reorder the rest of the sentence.
 */
function quote(text: string): string {
  const cut = text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}…` : text;
  return BIDI_TEXT.test(cut) ? `“\u2068${cut}\u2069”` : `“${cut}”`;
}

/**
 * Renders an issue as one sentence: "Row 7, column 'lon': “abc” is not a number." /
 * "Dòng 7, cột 'lon': “abc” không phải là số." Whole-file issues have no place prefix.
 */
export function describeIssue(issue: ImportIssue, language: MessageLanguage): string {
  const params = issue.params ?? {};
  const kind = indexKindOf(issue);
  const rows = kind === 'row';
  const noun = INDEX_NOUNS[kind][language];
  const numberFormat = new Intl.NumberFormat(language === 'vi' ? 'vi-VN' : 'en-US');
  const text = (name: string): string => {
    const value = params[name];
    return value === undefined ? '' : String(value);
  };
  const context: MessageContext = {
    text,
    count: (name) => {
      const value = params[name];
      return typeof value === 'number' ? numberFormat.format(value) : text(name);
    },
    quoted: (name) => quote(text(name)),
    places: (name) => {
      const formatted = context.count(name);
      if (language === 'vi') return `${formatted} ${noun}`;
      return `${formatted} ${params[name] === 1 ? noun : `${noun}s`}`;
    },
    rows,
    noun,
    issue,
  };
  const body = MESSAGES[issue.code][language](context);

  const place: string[] = [];
  if (issue.sheet !== undefined) place.push(`${language === 'en' ? 'Sheet' : 'Trang tính'} '${issue.sheet}'`);
  if (issue.index !== null) place.push(`${place.length === 0 ? capitalize(noun) : noun} ${issue.index}`);
  if (issue.column !== undefined) {
    const noun = language === 'en' ? 'column' : 'cột';
    place.push(`${place.length === 0 ? capitalize(noun) : noun} '${issue.column}'`);
  }
  return place.length === 0 ? capitalize(body) : `${place.join(', ')}: ${body}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
