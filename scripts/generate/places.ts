/**
 * Named places the synthetic layers need that the real files do not give. Coordinates are APPROXIMATE (read off
 * general maps to ~0.5 km, not surveyed); they only steer where synthetic sites and fibre go, and the zones are
 * written to `data/hp2025_zones.geojson` labelled "approximate — import the official boundaries".
 */

/** What a zone is, as the zones layer's `kind` property says it (docs/targets.md). */
export type ZoneKind = 'industrial_park' | 'port' | 'central_urban';

/** A circular zone: centre [lon, lat] and radius in metres. */
export interface Zone {
  name: string;
  kind: ZoneKind;
  lon: number;
  lat: number;
  radiusM: number;
}

/**
 * Industrial parks and ports: 5G areas with dense macro sites (approximate centres and extents):
 * - Hải Phòng: Đình Vũ IZ on the Đình Vũ peninsula (Hải An); Tràng Duệ IZ along National Road 10 (An Dương, by
 *   the An Lão border); VSIP Hải Phòng north of the Cấm river (Thuỷ Nguyên); Nam Cầu Kiền IZ south of the Kiền
 *   bridge (Thuỷ Nguyên); Nomura IZ on National Road 5 (An Dương);
 * - former Hải Dương, along National Road 5 and north of it: Đại An IZ (Tứ Minh, west of Hải Dương city), Nam
 *   Sách IZ (Ái Quốc), Phúc Điền IZ (Cẩm Phúc, Cẩm Giàng), Tân Trường IZ (Cẩm Giàng), Lai Vu IZ (Kim Thành),
 *   Việt Hoà – Kenmark IZ (Hải Dương city), Cộng Hoà IZ (Chí Linh), Phú Thái IZ (Kim Thành);
 * - ports: Hoàng Diệu and Chùa Vẽ on the Cấm river, Lạch Huyện deep-water port on Cát Hải island.
 */
export const FIVE_G_ZONES: readonly Zone[] = [
  { name: 'KCN Đình Vũ', kind: 'industrial_park', lon: 106.775, lat: 20.838, radiusM: 2500 },
  { name: 'KCN Tràng Duệ', kind: 'industrial_park', lon: 106.576, lat: 20.866, radiusM: 1500 },
  { name: 'VSIP Hải Phòng', kind: 'industrial_park', lon: 106.742, lat: 20.903, radiusM: 2000 },
  { name: 'KCN Nam Cầu Kiền', kind: 'industrial_park', lon: 106.633, lat: 20.912, radiusM: 1500 },
  { name: 'KCN Nomura', kind: 'industrial_park', lon: 106.606, lat: 20.878, radiusM: 900 },
  { name: 'KCN Đại An', kind: 'industrial_park', lon: 106.272, lat: 20.931, radiusM: 1200 },
  { name: 'KCN Nam Sách', kind: 'industrial_park', lon: 106.378, lat: 20.964, radiusM: 900 },
  { name: 'KCN Phúc Điền', kind: 'industrial_park', lon: 106.205, lat: 20.941, radiusM: 1000 },
  { name: 'KCN Tân Trường', kind: 'industrial_park', lon: 106.228, lat: 20.945, radiusM: 800 },
  { name: 'KCN Lai Vu', kind: 'industrial_park', lon: 106.405, lat: 20.977, radiusM: 1000 },
  { name: 'KCN Việt Hoà – Kenmark', kind: 'industrial_park', lon: 106.294, lat: 20.951, radiusM: 600 },
  { name: 'KCN Cộng Hoà', kind: 'industrial_park', lon: 106.401, lat: 21.131, radiusM: 1200 },
  { name: 'KCN Phú Thái', kind: 'industrial_park', lon: 106.521, lat: 20.961, radiusM: 700 },
  { name: 'Cảng Hoàng Diệu', kind: 'port', lon: 106.672, lat: 20.866, radiusM: 700 },
  { name: 'Cảng Chùa Vẽ', kind: 'port', lon: 106.733, lat: 20.859, radiusM: 700 },
  { name: 'Cảng Lạch Huyện', kind: 'port', lon: 106.872, lat: 20.828, radiusM: 1500 },
];

/**
 * The central urban areas (the old inner city of Hải Phòng around the Opera House, Hải Dương city centre):
 * scopes of the "5G in the central urban area" target, not used to place anything.
 */
export const CENTRAL_URBAN_ZONES: readonly Zone[] = [
  { name: 'Trung tâm đô thị Hải Phòng', kind: 'central_urban', lon: 106.683, lat: 20.855, radiusM: 4000 },
  { name: 'Trung tâm đô thị Hải Dương', kind: 'central_urban', lon: 106.326, lat: 20.938, radiusM: 2500 },
];

/**
 * Districts (2019 layout) whose every unit is in the 5G layer: Hải Phòng's central quận and Đồ Sơn (tourism),
 * and Hải Dương city.
 */
export const FIVE_G_DISTRICTS: ReadonlySet<string> = new Set([
  'Quận Hồng Bàng',
  'Quận Ngô Quyền',
  'Quận Lê Chân',
  'Quận Hải An',
  'Quận Đồ Sơn',
  'Thành phố Hải Dương',
]);

/**
 * 2019 units (GSO codes) where no operator has built a 4G site, so weak-signal zones plausibly remain:
 * - Vĩnh Bảo's outlying communes on the Hoá and Luộc rivers (south-west and south corner of Hải Phòng);
 * - Tiên Lãng's coastal communes towards the Văn Úc estuary;
 * - Thuỷ Nguyên's northern communes along the Đá Bạch river and the Quảng Ninh border;
 * - Cát Hải: Cát Bà island's interior (the national park) and the outer islands;
 * - Chí Linh's forest communes under the Yên Tử range (Hoàng Hoa Thám, Bắc An);
 * - the far south of former Hải Dương on the Luộc river: Ninh Giang's Hưng Long and Văn Giang, Thanh Miện's
 *   Diên Hồng and Tiền Phong; Thanh Hà's Vĩnh Lập between the Rạng and Văn Úc rivers.
 */
export const GAP_WARD_IDS: ReadonlySet<string> = new Set([
  // Vĩnh Bảo: Thắng Thuỷ, Vĩnh Long, Hiệp Hoà, Hùng Tiến, An Hoà, Tân Hưng, Hưng Nhân, Đồng Minh, Tiền Phong,
  // Vĩnh Phong, Cộng Hiền, Cao Minh
  '11833', '11845', '11848', '11851', '11854', '11857', '11869', '11875', '11893', '11896', '11899', '11902',
  // Tiên Lãng: Tiên Minh, Nam Hưng, Hùng Thắng, Tây Hưng, Đông Hưng, Tiên Hưng, Vinh Quang
  '11800', '11806', '11809', '11812', '11815', '11818', '11821',
  // Thuỷ Nguyên: Lại Xuân, An Sơn, Kỳ Sơn, Liên Khê, Lưu Kỳ, Gia Minh, Gia Đức
  '11476', '11479', '11482', '11485', '11491', '11494', '11497',
  // Cát Hải, Cát Bà island: Gia Luận, Hiền Hào, Trân Châu, Việt Hải, Xuân Đám
  '11935', '11938', '11941', '11944', '11947',
  // Chí Linh: Hoàng Hoa Thám, Bắc An
  '10555', '10558',
  // Ninh Giang: Hưng Long, Văn Giang; Thanh Miện: Diên Hồng, Tiền Phong; Thanh Hà: Vĩnh Lập
  '11233', '11236', '11290', '11293', '10885',
]);

/**
 * 2019 units in the hills of Chí Linh (the Yên Tử range and Côn Sơn) and Kinh Môn (the limestone hills of An
 * Phụ, Dương Nham and Kính Chủ): villages among hills and forest whatever their legal type, so a phường or
 * thị trấn among them is settled and served as a rural commune.
 */
export const HILL_WARD_IDS: ReadonlySet<string> = new Set([
  // Chí Linh: Bến Tắm, Hoàng Hoa Thám, Bắc An, Hưng Đạo, Lê Lợi, Hoàng Tiến, Cộng Hoà, Hoàng Tân, Văn An, Văn Đức
  '10552', '10555', '10558', '10561', '10564', '10567', '10570', '10573', '10579', '10585',
  // Kinh Môn: Bạch Đằng, Thất Hùng, Hoành Sơn, Thái Sơn, Duy Tân, Tân Dân, Minh Tân, Phạm Mệnh, Phú Thứ, An Sinh,
  // Hiệp Sơn
  '10678', '10681', '10687', '10693', '10696', '10699', '10702', '10711', '10714', '10723', '10726',
]);
