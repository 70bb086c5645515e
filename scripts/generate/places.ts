/**
 * Named places the synthetic layers need that the real files do not give. Coordinates are APPROXIMATE (read off
 * general maps to ~0.5 km, not surveyed); they only steer where synthetic sites and fibre go.
 */

/** A circular zone: centre [lon, lat] and radius in metres. */
export interface Zone {
  name: string;
  lon: number;
  lat: number;
  radiusM: number;
}

/**
 * Industrial zones with 5G and dense macro sites (approximate centres and extents):
 * - Đình Vũ IZ on the Đình Vũ peninsula, Quận Hải An (Phường Đông Hải 2);
 * - Tràng Duệ IZ along National Road 10, Huyện An Dương (Lê Lợi, Hồng Phong communes), by the An Lão border;
 * - VSIP Hải Phòng, Huyện Thuỷ Nguyên (Lập Lễ, Tam Hưng, Phục Lễ communes), north of the Cấm river;
 * - Nam Cầu Kiền IZ, south of the Kiền bridge, Huyện Thuỷ Nguyên (Kiền Bái, Hoàng Động communes).
 */
export const INDUSTRIAL_ZONES: readonly Zone[] = [
  { name: 'Đình Vũ', lon: 106.775, lat: 20.838, radiusM: 2500 },
  { name: 'Tràng Duệ', lon: 106.576, lat: 20.866, radiusM: 1500 },
  { name: 'VSIP Hải Phòng', lon: 106.742, lat: 20.903, radiusM: 2000 },
  { name: 'Nam Cầu Kiền', lon: 106.633, lat: 20.912, radiusM: 1500 },
];

/** Districts whose every ward is in the 5G layer: the central quận and Đồ Sơn (tourism). */
export const FIVE_G_DISTRICTS: ReadonlySet<string> = new Set([
  'Quận Hồng Bàng',
  'Quận Ngô Quyền',
  'Quận Lê Chân',
  'Quận Hải An',
  'Quận Đồ Sơn',
]);

/**
 * Wards (GSO codes) where no operator has built a 4G site, so weak-signal zones plausibly remain:
 * - Vĩnh Bảo's outlying communes on the Hoá and Luộc rivers (south-west and south corner of the city);
 * - Tiên Lãng's coastal communes towards the Văn Úc estuary;
 * - Thuỷ Nguyên's northern communes along the Đá Bạch river and the Quảng Ninh border;
 * - Cát Hải: Cát Bà island's interior (the national park) and the outer islands.
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
]);
