/**
 * Defaults for missing RF fields, per technology (documented in docs/models.md): the per-technology values of the
 * radio-field table (`RADIO_FIELDS`, where each default is explained), arranged by technology.
 */
import { TECHNOLOGIES, type Technology } from './model.ts';
import { DEFAULTED_RADIO_FIELDS, RADIO_FIELDS, type DefaultedRadioField } from './radio-fields.ts';

/** RF fields that a sites file may leave empty; see `RF_DEFAULTS`. */
export type RfDefaults = Record<DefaultedRadioField, number>;

/** @example RF_DEFAULTS['4G'] // { bandMhz: 1800, heightM: 30, beamwidthDeg: 65, rsPowerDbm: 15.2, antennaGainDbi: 17, feederLossDb: 2 } */
export const RF_DEFAULTS: Readonly<Record<Technology, Readonly<RfDefaults>>> = Object.fromEntries(
  TECHNOLOGIES.map((technology) => [
    technology,
    Object.fromEntries(DEFAULTED_RADIO_FIELDS.map((key) => [key, RADIO_FIELDS[key].defaults[technology]])) as RfDefaults,
  ]),
) as Record<Technology, RfDefaults>;
