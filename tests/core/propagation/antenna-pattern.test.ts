import { describe, expect, it } from 'vitest';
import {
  elevationDeg,
  horizontalPatternLossDb,
  sectorPatternLossDb,
  verticalPatternLossDb,
  wrapDegrees,
} from '../../../src/core/propagation/antenna-pattern.ts';

describe('antenna pattern (3GPP TR 36.814 Table A.2.1.1-2)', () => {
  it('wraps angles to −180…180', () => {
    expect(wrapDegrees(300)).toBe(-60);
    expect(wrapDegrees(-200)).toBe(160);
    expect(wrapDegrees(725)).toBe(5);
    expect(Math.abs(wrapDegrees(180))).toBe(180);
  });

  it('horizontal: 12·(φ/φ_3dB)², capped at 25 dB', () => {
    // 12·(60/65)² = 12·0.852071 = 10.2249 dB
    expect(horizontalPatternLossDb(60, 65)).toBeCloseTo(10.2249, 4);
    // 12·(30/65)² = 12·0.213018 = 2.5562 dB, either side
    expect(horizontalPatternLossDb(-30, 65)).toBeCloseTo(2.5562, 4);
    // 12·(90/65)² = 23.0059 dB, still under the cap
    expect(horizontalPatternLossDb(90, 65)).toBeCloseTo(23.0059, 4);
    // behind the antenna: 12·(180/65)² = 92 dB → 25 dB
    expect(horizontalPatternLossDb(180, 65)).toBe(25);
    // boresight
    expect(horizontalPatternLossDb(0, 65)).toBe(0);
    // 3 dB at half the beamwidth: 12·(32.5/65)² = 3
    expect(horizontalPatternLossDb(32.5, 65)).toBeCloseTo(3, 10);
  });

  it('measures φ across north whatever range the bearing comes in', () => {
    // azimuth 20°, bearing 350°: φ = −30° → 2.5562 dB
    expect(sectorPatternLossDb(20, 65, null, 350, 28.5, 100)).toBeCloseTo(2.5562, 4);
    // azimuth 170°, turf-style bearing −170°: φ = −340° ≡ 20° → 12·(20/65)² = 1.1361 dB
    expect(sectorPatternLossDb(170, 65, null, -170, 28.5, 100)).toBeCloseTo(1.1361, 4);
    // the same bearing given as 190°
    expect(sectorPatternLossDb(170, 65, null, 190, 28.5, 100)).toBeCloseTo(1.1361, 4);
  });

  it('vertical: 12·((θ − tilt)/10°)², capped at 20 dB', () => {
    // θ = 8°, tilt 3° → 12·0.5² = 3 dB
    expect(verticalPatternLossDb(8, 3)).toBeCloseTo(3, 10);
    // 10° off → 12 dB; 20° off → 48 → 20 dB
    expect(verticalPatternLossDb(13, 3)).toBeCloseTo(12, 10);
    expect(verticalPatternLossDb(23, 3)).toBe(20);
  });

  it('elevation angle atan2(h_BS − h_UT, d)', () => {
    // atan2(28.5, 100) = 15.9076°
    expect(elevationDeg(28.5, 100)).toBeCloseTo(15.9076, 4);
    expect(elevationDeg(28.5, 0)).toBe(90);
  });

  it('adds the vertical pattern only when a tilt is given, and caps the total at 25 dB', () => {
    // h_BS 30, h_UT 1.5, d 100 m, tilt 6°: θ = 15.9076°, A_V = 12·(9.9076/10)² = 11.7792 dB
    // azimuth 0, bearing 30: A_H = 2.5562 → total 14.3354 dB
    expect(sectorPatternLossDb(0, 65, 6, 30, 28.5, 100)).toBeCloseTo(14.3354, 3);
    // no tilt: horizontal only
    expect(sectorPatternLossDb(0, 65, null, 30, 28.5, 100)).toBeCloseTo(2.5562, 4);
    // 1 km: θ = atan2(28.5, 1000) = 1.6325°, A_V = 12·(−4.3675/10)² = 2.2890 dB (above the beam's main direction)
    expect(sectorPatternLossDb(0, 65, 6, 0, 28.5, 1000)).toBeCloseTo(2.289, 3);
    // 50 m at φ = 60°: A_V = min(12·(23.683/10)², 20) = 20, A_H = 10.2249 → 30.2 → capped at 25
    expect(sectorPatternLossDb(0, 65, 6, 60, 28.5, 50)).toBe(25);
  });

  it('is omni without an azimuth (vertical pattern still applies with a tilt)', () => {
    for (const bearing of [0, 90, 180, -135]) {
      expect(sectorPatternLossDb(null, 65, null, bearing, 28.5, 100)).toBe(0);
      expect(sectorPatternLossDb(null, 65, 6, bearing, 28.5, 100)).toBeCloseTo(11.7792, 3);
    }
  });
});
