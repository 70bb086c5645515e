/** Site templates: the cells of a new site, and a candidate file's own RF fields over the template. */
import { describe, expect, it } from 'vitest';
import { RF_DEFAULTS } from '../../../src/core/rf-defaults.ts';
import { applySiteTemplate, cellsOfSite, defaultSiteTemplate, type TemplateRfField } from '../../../src/core/siting/site-templates.ts';
import { fsplCell } from './helpers.ts';

describe('site templates', () => {
  it('defaults to the importer RF defaults on three sectors at 0/120/240°', () => {
    const template = defaultSiteTemplate('5G');
    expect(template).toMatchObject({ ...RF_DEFAULTS['5G'], azimuthsDeg: [0, 120, 240], tiltDeg: null, model: null, environment: null });
    const cells = cellsOfSite('NEW-001', 106.7, 20.8, template);
    expect(cells.map((cell) => [cell.cellId, cell.azimuthDeg, cell.status])).toEqual([
      ['NEW-001-1', 0, 'planned'],
      ['NEW-001-2', 120, 'planned'],
      ['NEW-001-3', 240, 'planned'],
    ]);
    expect(cellsOfSite('X', 0, 0, { ...template, azimuthsDeg: [] }).map((cell) => cell.azimuthDeg)).toEqual([null]);
  });

  it("keeps a candidate row's own RF fields and takes the rest from the template", () => {
    const template = { ...defaultSiteTemplate('4G'), heightM: 42, rsPowerDbm: 18, tiltDeg: 3 };
    const row = fsplCell('R', 0, 0, { heightM: 25, rsPowerDbm: 10 });
    const given = new Set<TemplateRfField>(['heightM']);
    const cells = applySiteTemplate([row], template, () => given);
    // no azimuth given: the template's three sectors, the row's height, everything else the template's
    expect(cells.map((cell) => [cell.cellId, cell.azimuthDeg, cell.heightM, cell.rsPowerDbm, cell.tiltDeg, cell.model])).toEqual([
      ['R-1', 0, 25, 18, 3, null],
      ['R-2', 120, 25, 18, 3, null],
      ['R-3', 240, 25, 18, 3, null],
    ]);
  });

  it("keeps a candidate's channel and bandwidth, and gives the template's to rows without them", () => {
    const template = { ...defaultSiteTemplate('4G'), channel: 1300, bandwidthMhz: 15 };
    const rows = [fsplCell('R', 0, 0, { cellId: 'R-a', azimuthDeg: 30, channel: 1850, bandwidthMhz: 20 }), fsplCell('R', 0, 0, { cellId: 'R-b', azimuthDeg: 200 })];
    const cells = applySiteTemplate(rows, template, (cell) => new Set<TemplateRfField>(cell.cellId === 'R-a' ? ['azimuthDeg', 'channel', 'bandwidthMhz'] : ['azimuthDeg']));
    expect(cells.map((cell) => [cell.cellId, cell.channel, cell.bandwidthMhz])).toEqual([
      ['R-a', 1850, 20],
      ['R-b', 1300, 15],
    ]);
    expect(cellsOfSite('N', 0, 0, template).map((cell) => [cell.channel, cell.bandwidthMhz])).toEqual([[1300, 15], [1300, 15], [1300, 15]]);
  });

  it('keeps rows that give their own azimuth as single sectors', () => {
    const rows = [fsplCell('R', 0, 0, { cellId: 'R-a', azimuthDeg: 30 }), fsplCell('R', 0, 0, { cellId: 'R-b', azimuthDeg: 200, model: 'fspl' })];
    const cells = applySiteTemplate(rows, defaultSiteTemplate('4G'), (cell) => new Set<TemplateRfField>(cell.cellId === 'R-b' ? ['azimuthDeg', 'model'] : ['azimuthDeg']));
    expect(cells.map((cell) => [cell.cellId, cell.azimuthDeg, cell.model, cell.rsPowerDbm])).toEqual([
      ['R-a', 30, null, RF_DEFAULTS['4G'].rsPowerDbm],
      ['R-b', 200, 'fspl', RF_DEFAULTS['4G'].rsPowerDbm],
    ]);
  });
});
