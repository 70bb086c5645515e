/**
 * Co-channel cells (docs/models.md "Co-channel cells"): cells interfere when they share operator (folded keyword,
 * as `isAnalysedCell` matches operators), technology and band, unless both give a channel number and the numbers
 * differ. A cell without a channel is taken to share the band's channel with every cell of its operator (reuse 1,
 * the usual LTE/NR deployment) — the cautious reading when a sites file gives channels for some cells only.
 */
import type { Cell } from '../model.ts';
import { normalizeKeyword } from '../normalize-keyword.ts';

/** Interns the (operator, technology, band) of cells as small integers, for typed arrays. */
export class CoChannelGroups {
  private readonly ids = new Map<string, number>();

  /** The group of a cell: equal for cells of one operator, technology and band. */
  groupOf(cell: Pick<Cell, 'operator' | 'technology' | 'bandMhz'>): number {
    const key = `${normalizeKeyword(cell.operator)}|${cell.technology}|${cell.bandMhz}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  get size(): number {
    return this.ids.size;
  }
}

/** A cell's channel for `channelsMatch`: its number, or −1 when it gives none. */
export function channelKey(cell: Pick<Cell, 'channel'>): number {
  return cell.channel ?? -1;
}

/** Whether two cells of one group share a channel: equal numbers, or at least one not given. */
export function channelsMatch(a: number, b: number): boolean {
  return a === b || a < 0 || b < 0;
}

/**
 * Whether two cells interfere with each other (the definition, for tests and point queries; the engine compares
 * the interned groups and channel keys).
 *
 * @example isCoChannel({ operator: 'Viettel', technology: '4G', bandMhz: 1800, channel: null }, { operator: 'VIETTEL', technology: '4G', bandMhz: 1800, channel: 1300 }) // true
 */
export function isCoChannel(
  a: Pick<Cell, 'operator' | 'technology' | 'bandMhz' | 'channel'>,
  b: Pick<Cell, 'operator' | 'technology' | 'bandMhz' | 'channel'>,
): boolean {
  return (
    normalizeKeyword(a.operator) === normalizeKeyword(b.operator) &&
    a.technology === b.technology &&
    a.bandMhz === b.bandMhz &&
    channelsMatch(channelKey(a), channelKey(b))
  );
}
