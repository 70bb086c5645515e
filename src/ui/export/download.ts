/** Saves bytes or text as a file through a Blob and an object URL (no server round trip, works offline). */

/** Starts a download of `content` named `fileName`; the object URL is released once the click is dispatched. */
export function downloadFile(fileName: string, content: string | Uint8Array, mimeType: string): void {
  const blob = new Blob([content as BlobPart], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // revoke on the next task: the download has taken its reference by then
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export const MIME_CSV = 'text/csv;charset=utf-8';
export const MIME_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MIME_GEOJSON = 'application/geo+json';
