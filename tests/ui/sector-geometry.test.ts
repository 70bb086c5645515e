import { describe, expect, it } from 'vitest';
import { isInWedge, MIN_WEDGE_DEG, wedgeAngles } from '../../src/ui/map/sector-geometry.ts';

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

  it('misses beyond the radius, and omni cells hit in every direction', () => {
    expect(isInWedge(...offsetAt(0, 21), 20, 0, 65)).toBe(false);
    expect(isInWedge(...offsetAt(200, 19), 20, null, 65)).toBe(true);
  });
});
