/**
 * Printing the report from the app (issue 10 "print from the app"): the report's print HTML (its own print
 * stylesheet: A4 portrait, page breaks, the fonts embedded) is put in a hidden frame of the page and that frame's
 * print dialog opened, so the browser prints the report's pages, not the app around it. The frame stays until the
 * next print (closing the dialog does not tell the page when the browser has finished with it).
 */

/** Marks the frame, for the print stylesheet of the app and for tests. */
const FRAME_ATTRIBUTE = 'data-print-frame';

/** Opens the print dialog on `html` (a whole document) in a hidden frame; resolves once the dialog was asked for. */
export function printHtml(html: string, title: string): Promise<void> {
  for (const old of document.querySelectorAll(`iframe[${FRAME_ATTRIBUTE}]`)) old.remove();
  const frame = document.createElement('iframe');
  frame.setAttribute(FRAME_ATTRIBUTE, 'report');
  frame.title = title;
  // off screen but laid out at A4 width, so the charts and maps measure as they print
  Object.assign(frame.style, { position: 'fixed', left: '-10000px', top: '0', width: '210mm', height: '297mm', border: '0' });
  return new Promise((resolve, reject) => {
    frame.addEventListener(
      'load',
      () => {
        const view = frame.contentWindow;
        if (view === null) {
          reject(new Error('the print frame has no window'));
          return;
        }
        view.focus();
        view.print();
        resolve();
      },
      { once: true },
    );
    frame.srcdoc = html;
    document.body.append(frame);
  });
}
