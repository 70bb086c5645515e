/**
 * Greedy label placement for the report maps: labels in priority order, each tried at its anchor and a few
 * nearby offsets, kept at the first position that overlaps no label placed before it and stays inside the
 * frame; labels that find no room are left out (the tables list every unit). Widths are estimated from the
 * character count (Noto Sans averages ≈ 0.55 em per character for Vietnamese names), with a margin.
 */

export interface LabelRequest {
  text: string;
  /** Anchor in SVG units (the label is centred on it when it fits there). */
  x: number;
  y: number;
  fontSize: number;
  /** Higher first. */
  priority: number;
  /** Offsets to try are multiples of this (e.g. a point marker's radius); 0 = only near the anchor. */
  offset?: number;
}

export interface PlacedLabel {
  text: string;
  /** Centre of the text box; the text is drawn with `text-anchor: middle` and its baseline at y + 0.35 em. */
  x: number;
  y: number;
  fontSize: number;
}

/** A rectangle of the map frame (its units, y down). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Estimated box of a one-line label centred on (x, y), with half a space of margin. */
export function labelBox(text: string, x: number, y: number, fontSize: number): Box {
  const halfWidth = (text.length * 0.55 + 0.5) * fontSize * 0.5;
  // diacritics stack above the cap height: the box reaches 0.75 em up and 0.45 em down
  return { left: x - halfWidth, right: x + halfWidth, top: y - 0.75 * fontSize, bottom: y + 0.45 * fontSize };
}

function overlaps(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Places as many labels as fit without overlap inside [0, width] × [0, height], highest priority first.
 * `obstacles` (e.g. the legend or point markers) are kept clear too.
 */
export function placeLabels(requests: readonly LabelRequest[], width: number, height: number, obstacles: readonly Box[] = []): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const boxes: Box[] = [...obstacles];
  const order = requests.map((_, i) => i).sort((a, b) => requests[b].priority - requests[a].priority || a - b);
  for (const i of order) {
    const request = requests[i];
    // point labels go beside their marker; area labels at the anchor or one or two lines above or below it
    // (1.3 em clears a label box's 1.2 em height)
    const line = request.fontSize * 1.3;
    const shifts: Array<[number, number]> = request.offset
      ? [[0, -1.6], [0, 1.6], [1, 0], [-1, 0]].map(([dx, dy]) => [dx * (request.offset! + labelHalfWidth(request)), dy * request.offset!])
      : [[0, 0], [0, -line], [0, line], [0, -2 * line], [0, 2 * line]];
    for (const [dx, dy] of shifts) {
      const x = request.x + dx;
      const y = request.y + dy;
      const box = labelBox(request.text, x, y, request.fontSize);
      if (box.left < 0 || box.top < 0 || box.right > width || box.bottom > height) continue;
      if (boxes.some((other) => overlaps(box, other))) continue;
      boxes.push(box);
      placed.push({ text: request.text, x, y, fontSize: request.fontSize });
      break;
    }
  }
  return placed;
}

function labelHalfWidth(request: LabelRequest): number {
  const box = labelBox(request.text, 0, 0, request.fontSize);
  return box.right;
}
