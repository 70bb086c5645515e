import { describe, expect, it } from 'vitest';
import { OPERATOR_COLOURS, OPERATOR_GROUPS, operatorGroup } from '../../src/ui/operator-colour.ts';

describe('operatorGroup', () => {
  it.each([
    ['Viettel', 'viettel'],
    ['VIETTEL Hải Phòng', 'viettel'],
    ['VNPT', 'vnpt'],
    ['VinaPhone', 'vnpt'],
    ['Vinaphone (VNPT)', 'vnpt'],
    ['Mobifone', 'mobifone'],
    ['MobiFone', 'mobifone'],
    ['Vietnamobile', 'vietnamobile'],
    ['Gmobile', 'other'],
    ['', 'other'],
  ])('%s → %s', (name, group) => {
    expect(operatorGroup(name)).toBe(group);
  });

  it('gives every group its own colour', () => {
    const colours = OPERATOR_GROUPS.map((group) => OPERATOR_COLOURS[group]);
    expect(new Set(colours).size).toBe(OPERATOR_GROUPS.length);
  });
});
