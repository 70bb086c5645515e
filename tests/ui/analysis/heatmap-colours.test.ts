/**
 * The heat map's colour ramp: the signal classes' colours at their thresholds (ColorBrewer RdYlGn values, written
 * out here), linear between them, clamped at the ends, nothing off land.
 */
import { describe, expect, it } from 'vitest';
import { heatmapRgb, heatmapStops } from '../../../src/ui/analysis/heatmap-colours.ts';

const thresholds = { good: -100, fair: -110, weak: -120 };
const stops = heatmapStops(thresholds);

describe('heatmapRgb', () => {
  it('gives each class colour at its threshold', () => {
    expect(heatmapRgb(-100, stops)).toEqual([26, 150, 65]);
    expect(heatmapRgb(-110, stops)).toEqual([166, 217, 106]);
    expect(heatmapRgb(-120, stops)).toEqual([253, 174, 97]);
  });

  it('interpolates between thresholds: −105 dBm is halfway from the fair to the good colour', () => {
    // (26 + 166) / 2 = 96, (150 + 217) / 2 = 183.5 → 184, (65 + 106) / 2 = 85.5 → 86
    expect(heatmapRgb(-105, stops)).toEqual([96, 184, 86]);
  });

  it('clamps: dark green from 15 dB above good, red from 10 dB below weak and where no cell serves, nothing off land', () => {
    expect(heatmapRgb(-60, stops)).toEqual([0, 104, 55]);
    expect(heatmapRgb(-85, stops)).toEqual([0, 104, 55]);
    expect(heatmapRgb(-130, stops)).toEqual([215, 25, 28]);
    expect(heatmapRgb(-Infinity, stops)).toEqual([215, 25, 28]);
    expect(heatmapRgb(NaN, stops)).toBeNull();
  });

  it('follows changed thresholds', () => {
    expect(heatmapRgb(-95, heatmapStops({ good: -95, fair: -105, weak: -115 }))).toEqual([26, 150, 65]);
  });
});
