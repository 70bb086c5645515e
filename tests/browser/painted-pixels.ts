import type { Page } from 'playwright-core';

/** Non-transparent pixels of the first canvas matching the selector (0 when there is none). */
export function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((css) => {
    const canvas = document.querySelector(css) as HTMLCanvasElement | null;
    const context = canvas?.getContext('2d');
    if (!canvas || !context || canvas.width === 0) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return painted;
  }, selector);
}
