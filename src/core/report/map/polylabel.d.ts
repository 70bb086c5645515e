/** polylabel (mapbox, ISC, untyped ESM): the pole of inaccessibility of a polygon given as rings of [x, y]. */
declare module 'polylabel' {
  export default function polylabel(polygon: number[][][], precision?: number): [number, number] & { distance: number };
}
