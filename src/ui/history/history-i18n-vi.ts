/** Vietnamese strings of undo/redo (merged into i18n.ts). */
export const historyVi = {
  undo: 'Hoàn tác',
  redo: 'Làm lại',
  undoEdit: 'Hoàn tác: {edit}',
  redoEdit: 'Làm lại: {edit}',
  undoNothing: 'Không có thao tác nào để hoàn tác',
  redoNothing: 'Không có thao tác nào để làm lại',
  undoFailed: 'Chưa làm được “{edit}”: thao tác này cần kết quả phân tích, hãy chạy phân tích trước.',
  editCell: 'sửa cell {cell}',
  editAddSites: 'thêm {n} trạm ({sites})',
  editDeleteSites: 'xoá {n} trạm ({sites})',
  editMoveSite: 'di chuyển trạm {site}',
  editApprove: 'duyệt trạm {site}',
  editReject: 'từ chối trạm {site}',
  editUndecide: 'bỏ quyết định về trạm {site}',
  editDeleteExtension: 'xoá tuyến cáp {extension}',
};
