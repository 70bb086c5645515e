/**
 * The radio-field table: the defaults per technology against the table in docs/data-formats.md (typed here by
 * hand) and the power-per-resource-element arithmetic of docs/models.md, and what a cell that gives nothing gets.
 */
import { describe, expect, it } from 'vitest';
import { defaultRadioFields, DEFAULTED_RADIO_FIELDS, RADIO_FIELD_KEYS, RADIO_FIELDS } from '../../src/core/radio-fields.ts';
import { RF_DEFAULTS } from '../../src/core/rf-defaults.ts';

describe('radio fields', () => {
  it('give the documented RF defaults per technology', () => {
    // docs/data-formats.md "RF defaults per technology": band, height, beamwidth, power, gain, loss
    const documented = {
      '2G': [900, 30, 65, 43, 15, 3],
      '3G': [2100, 30, 65, 33, 17, 2],
      '4G': [1800, 30, 65, 15.2, 17, 2],
      '5G': [3500, 25, 65, 13.8, 24, 1],
    };
    for (const [technology, [bandMhz, heightM, beamwidthDeg, rsPowerDbm, antennaGainDbi, feederLossDb]] of Object.entries(documented)) {
      expect(RF_DEFAULTS[technology as keyof typeof RF_DEFAULTS]).toEqual({ bandMhz, heightM, beamwidthDeg, rsPowerDbm, antennaGainDbi, feederLossDb });
    }
    // 40 W (46 dBm) over 1200 LTE subcarriers; 80 W (49 dBm) over 3276 NR subcarriers at 30 kHz
    expect(RF_DEFAULTS['4G'].rsPowerDbm).toBeCloseTo(46 - 10 * Math.log10(1200), 1);
    expect(RF_DEFAULTS['5G'].rsPowerDbm).toBeCloseTo(49 - 10 * Math.log10(3276), 1);
  });

  it('fill a cell that gives nothing with the defaults, and null where empty means none', () => {
    expect(defaultRadioFields('3G')).toEqual({
      bandMhz: 2100, heightM: 30, azimuthDeg: null, beamwidthDeg: 65, tiltDeg: null, rsPowerDbm: 33, antennaGainDbi: 17,
      feederLossDb: 2, model: null, environment: null, channel: null, bandwidthMhz: null,
    });
    expect(DEFAULTED_RADIO_FIELDS).toEqual(['bandMhz', 'heightM', 'beamwidthDeg', 'rsPowerDbm', 'antennaGainDbi', 'feederLossDb']);
  });

  it('list the sites columns in the documented order, the optional issue-12 columns last', () => {
    expect(RADIO_FIELD_KEYS.map((key) => RADIO_FIELDS[key].column)).toEqual([
      'band_mhz', 'height_m', 'azimuth_deg', 'beamwidth_deg', 'tilt_deg', 'rs_power_dbm', 'antenna_gain_dbi', 'feeder_loss_db',
      'model', 'environment', 'channel', 'bandwidth_mhz',
    ]);
    expect(RADIO_FIELD_KEYS.filter((key) => RADIO_FIELDS[key].optional)).toEqual(['channel', 'bandwidthMhz']);
    expect(RADIO_FIELDS.channel.aliases).toEqual(['earfcn']);
  });
});
