/**
 * The weak-signal zones outlined after an analysis' reply (`analysisZones`, what the app asks right after
 * `analyse` so the result is shown first): the same zones as an analysis that outlines them itself, kept with the
 * analysis for the report and the siting grid. On the hand-worked network (hand-worked-network.ts): unit E holds a
 * weak point at 35 km and a point without signal at 120 km, so it has zones.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/model.ts';
import { runSteps } from '../../src/core/steps.ts';
import { handWorkedSession, noProgress } from './hand-worked-network.ts';

describe('EngineSession.analysisZonesSteps', () => {
  it('outlines the zones an analysis with zones gives, after an analysis without them, and keeps them', () => {
    const withZones = handWorkedSession().analyse({ settings: DEFAULT_SETTINGS, zones: true }, noProgress).value.zones;
    expect(withZones?.features.length).toBeGreaterThan(0);

    const session = handWorkedSession();
    expect(session.analyse({ settings: DEFAULT_SETTINGS, zones: false }, noProgress).value.zones).toBeNull();
    const first = runSteps(session.analysisZonesSteps()).value;
    expect(first.zones).toEqual(withZones);
    expect(first.timingMs).toBeGreaterThan(0);
    // asked again: the kept zones, not outlined anew
    const again = runSteps(session.analysisZonesSteps()).value;
    expect(again.zones).toBe(first.zones);
  });

  it('gives the zones of an analysis that outlined them itself without outlining them again', () => {
    const session = handWorkedSession();
    const { zones } = session.analyse({ settings: DEFAULT_SETTINGS, zones: true }, noProgress).value;
    expect(runSteps(session.analysisZonesSteps()).value.zones).toBe(zones);
  });

  it('refuses without an analysis', () => {
    expect(() => runSteps(handWorkedSession().analysisZonesSteps())).toThrow(/no analysis/);
  });
});
