/**
 * The words a host and its partner thread share (partner-control.ts), checked in one thread: the counter gives
 * each item once, the state moves only from the state expected, the heartbeat watch gives a silent partner
 * STALL_MS from its last beat, and a failing partner leaves FAILED behind.
 */
import { describe, expect, it } from 'vitest';
import {
  beat,
  exhaustItems,
  HeartbeatWatch,
  moveState,
  PartnerState,
  servePartnerShare,
  sharedControl,
  STALL_MS,
  stateOf,
  takeItem,
} from '../../src/core/partner-control.ts';

describe('partner control', () => {
  it('gives each item once, whichever side asks, and none once exhausted', () => {
    const control = sharedControl();
    expect(control.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([takeItem(control), takeItem(control), takeItem(control)]).toEqual([0, 1, 2]);
    exhaustItems(control);
    // a million items would be a 500 km-high city of stripes or 64 M candidates
    expect(takeItem(control)).toBeGreaterThan(1_000_000);
  });

  it('moves the state only from the state expected', () => {
    const control = sharedControl();
    expect(stateOf(control)).toBe(PartnerState.PREPARING);
    expect(moveState(control, PartnerState.PREPARING, PartnerState.ABANDONED)).toBe(true);
    // a partner that was given up does not start
    expect(moveState(control, PartnerState.PREPARING, PartnerState.WORKING)).toBe(false);
    expect(stateOf(control)).toBe(PartnerState.ABANDONED);
  });

  it('calls a partner stalled more than STALL_MS after the watch last saw it beat, not before', () => {
    const control = sharedControl();
    let nowMs = 1000;
    const watch = new HeartbeatWatch(control, () => nowMs);
    nowMs += STALL_MS;
    expect(watch.stalled()).toBe(false);
    nowMs += 1;
    beat(control);
    // the beat is seen at this look: the partner has STALL_MS from now
    expect(watch.stalled()).toBe(false);
    nowMs += STALL_MS;
    expect(watch.stalled()).toBe(false);
    nowMs += 1;
    expect(watch.stalled()).toBe(true);
    // given work again, it is counted from then
    watch.restart();
    expect(watch.stalled()).toBe(false);
  });

  it('leaves FAILED behind a partner whose work throws, and its state alone otherwise', () => {
    const control = sharedControl();
    expect(() => servePartnerShare(control, () => {
      throw new RangeError('bad input');
    })).toThrow(RangeError);
    expect(stateOf(control)).toBe(PartnerState.FAILED);
    const given = sharedControl();
    moveState(given, PartnerState.PREPARING, PartnerState.ABANDONED);
    servePartnerShare(given, () => undefined);
    expect(stateOf(given)).toBe(PartnerState.ABANDONED);
  });
});
