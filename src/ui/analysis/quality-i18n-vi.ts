/**
 * Vietnamese UI strings of the downlink-quality layers (issue 12: SINR, throughput, best server, overlap), their
 * legend and popup rows. Spread into the app's dictionary (`i18n.ts`); quality-i18n-en.ts must have every key.
 */
export const qualityVi = {
  qualityColourBy: 'Tô màu hộ theo',
  qualityLayerSignal: 'Mức tín hiệu (RSRP)',
  qualityLayerSinr: 'SINR',
  qualityLayerThroughput: 'Tốc độ tải xuống (mô hình)',
  qualityLayerServer: 'Trạm phục vụ tốt nhất',
  qualityLayerOverlap: 'Chồng lấn (nhiễu pilot)',
  qualityOnlyOfdm: 'SINR, tốc độ và chồng lấn chỉ tính cho 4G và 5G.',
  legendAtLeast: '≥ {low} {unit}',
  legendBetween: '{low} đến < {high} {unit}',
  legendBelow: '< {high} {unit}',
  legendNoService: 'Không có dịch vụ: không có sóng (dưới {weak} dBm) hoặc không có trạm phục vụ trên ngưỡng nhiễu (N − {cutoff} dB)',
  legendNoServer: 'Không có trạm phục vụ trên ngưỡng nhiễu (N − {cutoff} dB)',
  legendSinrTitle: 'SINR đường xuống (dB)',
  legendSinrNote: 'Các khoảng đọc SINR thường dùng khi đo kiểm LTE, không phải mức của một tiêu chuẩn.',
  legendThroughputTitle: 'Tốc độ tải xuống mô hình (Mb/s), mục tiêu {target} Mb/s',
  legendServerTitle: 'Trạm phục vụ tốt nhất (mỗi cell một màu)',
  legendServerNote: '12 màu dùng lặp lại; các sector của cùng một trạm luôn khác màu.',
  legendOverlapTitle: 'Số cell cùng kênh trong phạm vi 6 dB của trạm phục vụ',
  legendOverlapAlone: '1 (chỉ trạm phục vụ)',
  legendOverlapPollution: '≥ {n}: nhiễu pilot',
  throughputModelNote:
    'Tốc độ là ước tính theo mô hình (3GPP TR 36.942 A.2) cho một người dùng duy nhất dưới tải mạng đã cho ({load} %), không phải số đo thực tế.',
  analysisMedianMbps: 'Trung vị Mb/s',
  analysisSpeedOkPct: '% đạt tốc độ',
  analysisSpeedOkTotal: '% đạt ≥ {target} Mb/s',
  analysisSpeedChange: 'Hộ đạt tốc độ mục tiêu ({target} Mb/s): {delta} so với lần phân tích',
  popupSinr: 'SINR (dB)',
  popupThroughput: 'Tốc độ tải xuống mô hình (Mb/s)',
  popupOverlap: 'Cell cùng kênh trong 6 dB',
  popupPilotPollution: 'Nhiễu pilot: từ {n} cell trong phạm vi 6 dB.',
  popupNoService: 'không có (không có sóng)',
  popupNoQuality: 'Trạm phục vụ yếu hơn ngưỡng nhiễu (N − {cutoff} dB): không tính SINR và tốc độ.',
};
