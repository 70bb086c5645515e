import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../../src/core/model.ts';
import { choosePathLossModel } from '../../../src/core/propagation/choose-model.ts';

describe('choosePathLossModel', () => {
  it('uses Okumura-Hata below 1500 MHz in every environment', () => {
    for (const environment of ENVIRONMENTS) {
      expect(choosePathLossModel(700, environment)).toBe('okumura-hata');
      expect(choosePathLossModel(900, environment)).toBe('okumura-hata');
      expect(choosePathLossModel(1499.9, environment)).toBe('okumura-hata');
    }
  });

  it('uses COST-231-Hata from 1500 to 2000 MHz inclusive', () => {
    for (const environment of ENVIRONMENTS) {
      expect(choosePathLossModel(1500, environment)).toBe('cost231-hata');
      expect(choosePathLossModel(1800, environment)).toBe('cost231-hata');
      expect(choosePathLossModel(2000, environment)).toBe('cost231-hata');
    }
  });

  it('uses TR 38.901 above 2000 MHz: UMa in metropolitan and urban wards, RMa in suburban and rural ones', () => {
    for (const bandMhz of [2100, 2600, 3500]) {
      expect(choosePathLossModel(bandMhz, 'metropolitan')).toBe('3gpp-uma');
      expect(choosePathLossModel(bandMhz, 'urban')).toBe('3gpp-uma');
      expect(choosePathLossModel(bandMhz, 'suburban')).toBe('3gpp-rma');
      expect(choosePathLossModel(bandMhz, 'rural')).toBe('3gpp-rma');
    }
  });
});
