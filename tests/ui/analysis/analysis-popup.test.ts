import { describe, expect, it } from 'vitest';
import { analysisFloorDbm } from '../../../src/core/coverage/cell-links.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/model.ts';
import { noServerText } from '../../../src/ui/analysis/analysis-popup.ts';
import { translatorFor } from '../../../src/ui/i18n.ts';

describe('noServerText', () => {
  it('names the level no cell reaches: the interference cut-off for 4G and 5G, the weak threshold for 3G', () => {
    // 4G: N = −174 + 10·log10(15,000) + 7 = −125.24 dBm per resource element; the cut-off N − 10 dB is below −120
    const lte = analysisFloorDbm({ ...DEFAULT_SETTINGS, technology: '4G' }, false);
    expect(lte).toBeCloseTo(-135.24, 2);
    expect(noServerText(translatorFor('en'), 'en', '4G', lte)).toBe('No 4G cell reaches -135.2 dBm here: no signal.');
    expect(noServerText(translatorFor('vi'), 'vi', '4G', lte)).toBe('Không có cell 4G nào đạt -135,2 dBm ở đây: không có sóng.');
    // 5G at 30 kHz: 3 dB more noise, the cut-off at −132.2 dBm
    const nr = analysisFloorDbm({ ...DEFAULT_SETTINGS, technology: '5G' }, false);
    expect(noServerText(translatorFor('en'), 'en', '5G', nr)).toBe('No 5G cell reaches -132.2 dBm here: no signal.');
    // 3G has no cut-off: the weak threshold is the floor
    expect(noServerText(translatorFor('en'), 'en', '3G', analysisFloorDbm({ ...DEFAULT_SETTINGS, technology: '3G' }, false))).toBe('No 3G cell reaches -120 dBm here: no signal.');
  });
});
