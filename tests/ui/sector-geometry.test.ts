import { describe, expect, it } from 'vitest';
import { isInWedge, MIN_WEDGE_DEG, OMNI_RADIUS_FRACTION, wedgeAngles } from '../../src/ui/map/sector-geometry.ts';

/** Screen offset of a point at a bearing (degrees clockwise from north) and distance: y grows downwards. */
function offsetAt(bearingDeg: number, distancePx: number): [number, number] {
  const rad = (bearingDeg * Math.PI) / 180;
  return [Math.sin(rad) * distancePx, -Math.cos(rad) * distancePx];
}

describe('wedgeAngles', () => {
  it('turns an azimuth into a canvas angle clockwise from east', () => {
    // azimuth 0 (north) is −90° on the canvas; a 60° beam spans −120°…−60°
    const angles = wedgeAngles(0, 60);
    expect(angles?.start).toBeCloseTo((-120 * Math.PI) / 180, 12);
    expect(angles?.end).toBeCloseTo((-60 * Math.PI) / 180, 12);
  });

  it('draws narrow beams at least MIN_WEDGE_DEG wide and omni as null', () => {
    const angles = wedgeAngles(90, 5);
    expect(angles !== null && ((angles.end - angles.start) * 180) / Math.PI).toBeCloseTo(MIN_WEDGE_DEG, 9);
    expect(wedgeAngles(null, 65)).toBeNull();
    expect(wedgeAngles(120, 360)).toBeNull();
  });
});

describe('isInWedge', () => {
  it('hits inside the beam and misses outside it', () => {
    // 65° beam: half-width 32.5°
    expect(isInWedge(...offsetAt(30, 10), 20, 0, 65)).toBe(true);
    expect(isInWedge(...offsetAt(35, 10), 20, 0, 65)).toBe(false);
    expect(isInWedge(...offsetAt(90, 10), 20, 90, 65)).toBe(true);
    expect(isInWedge(...offsetAt(0, 10), 20, 90, 65)).toBe(false);
  });

  it('wraps around north', () => {
    expect(isInWedge(...offsetAt(10, 10), 20, 350, 65)).toBe(true);
    expect(isInWedge(...offsetAt(330, 10), 20, 10, 65)).toBe(false);
    expect(isInWedge(...offsetAt(340, 10), 20, 10, 65)).toBe(true);
  });

  it('misses beyond the radius, and omni cells hit in every direction within their smaller circle', () => {
    expect(isInWedge(...offsetAt(0, 21), 20, 0, 65)).toBe(false);
    // drawn with radius 0.55 × 20 = 11 px
    expect(OMNI_RADIUS_FRACTION).toBe(0.55);
    expect(isInWedge(...offsetAt(200, 10.9), 20, null, 65)).toBe(true);
    expect(isInWedge(...offsetAt(200, 11.1), 20, 0, 360)).toBe(false);
    expect(isInWedge(...offsetAt(200, 12.3), 20, null, 65, 1.4)).toBe(true);
    expect(isInWedge(...offsetAt(200, 12.5), 20, null, 65, 1.4)).toBe(false);
  });

  it('hits the outline and its rim within the tolerance: beside an edge, beyond the arc, behind the site', () => {
    // edge at bearing 32.5°; a point at bearing 35° and 10 px is 10·sin 2.5° = 0.436 px beside it
    expect(isInWedge(...offsetAt(35, 10), 20, 0, 65, 0.5)).toBe(true);
    expect(isInWedge(...offsetAt(35, 10), 20, 0, 65, 0.4)).toBe(false);
    // 40° at 10 px: 10·sin 7.5° = 1.305 px
    expect(isInWedge(...offsetAt(40, 10), 20, 0, 65, 1.4)).toBe(true);
    expect(isInWedge(...offsetAt(40, 10), 20, 0, 65, 1.2)).toBe(false);
    // beyond the arc, inside the beam
    expect(isInWedge(...offsetAt(0, 21.3), 20, 0, 65, 1.4)).toBe(true);
    expect(isInWedge(...offsetAt(0, 21.5), 20, 0, 65, 1.4)).toBe(false);
    // past the corner: 20.5 px at 34°, 20.5·cos 1.5° − 20 = 0.493 px out and 20.5·sin 1.5° = 0.537 px beside: 0.729 px
    expect(isInWedge(...offsetAt(34, 20.5), 20, 0, 65, 0.75)).toBe(true);
    expect(isInWedge(...offsetAt(34, 20.5), 20, 0, 65, 0.7)).toBe(false);
    // behind the site, where both edges meet
    expect(isInWedge(...offsetAt(180, 1), 20, 0, 65, 1.4)).toBe(true);
    expect(isInWedge(...offsetAt(180, 2), 20, 0, 65, 1.4)).toBe(false);
  });
});
