/**
 * `--dataset embedded` reads the synthetic layers from their compact binary forms (data/*.bin.gz) when these were
 * made from the text files as they are: the same data and rejections as reading the text files, under the text
 * file's path. The binary form keeps the parser's import report, as the app shows it: the CLI reader's own note on
 * the columns of fibre.geojson it does not use is the one difference. A layer read with `--crs`, `--sheet` or `--map`
 * is read from its text file. (That each binary form decodes to what the parser gives on its text file:
 * tests/scripts/generate-data.city.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { readLayerInputs, RejectionLog } from '../../src/cli/common.ts';
import { Dataset, readDatasetChoice } from '../../src/cli/dataset.ts';
import { PROJECT_ROOT } from '../../src/cli/project-root.ts';
import { idsArray } from '../../src/core/household-ids.ts';
import { expectEqual } from '../helpers/expect-equal.ts';

const FILES = { sites: `${PROJECT_ROOT}/data/sites.csv`, households: `${PROJECT_ROOT}/data/households.csv.gz`, fibre: `${PROJECT_ROOT}/data/fibre.geojson` };

/** The embedded dataset (`--crs` values as on the command line), or the same files named on the command line. */
function open(how: { embedded: boolean; crs?: string[] }) {
  const log = new RejectionLog();
  const dataset = new Dataset(readDatasetChoice(how.embedded ? { dataset: 'embedded' } : {}), how.embedded ? {} : FILES, log, readLayerInputs({ crs: how.crs }));
  return { dataset, log };
}

/** The layers, the households' ids as an array (the binary form keeps them joined, `JoinedIds`). */
async function layers(dataset: Dataset) {
  const households = await dataset.households();
  return { sites: await dataset.sites(), households: { ...households, ids: idsArray(households.ids) }, fibre: await dataset.fibre() };
}

const unusedColumnsNote = (log: RejectionLog) => log.notes.filter((note) => note.code === 'unused-columns' && note.file === FILES.fibre);

describe('the embedded dataset in the CLI, read from its binary forms', () => {
  it('gives the sites, households and fibre network of the text files, with their rejections under the text path', async () => {
    const binary = open({ embedded: true });
    const text = open({ embedded: false });
    expectEqual(await layers(binary.dataset), await layers(text.dataset));
    expect(binary.log.issues).toEqual(text.log.issues);
    // the text read notes the fibre file's unused columns; the binary form carries the parser's report
    expect(unusedColumnsNote(text.log)).toHaveLength(1);
    expect(binary.log.notes).toEqual(text.log.notes.filter((note) => !unusedColumnsNote(text.log).includes(note)));
  }, 120_000);

  it('reads a layer given a --crs from its text file', async () => {
    // EPSG:4326 leaves the values as they are; the text read shows in the reader's note on the unused columns
    const withCrs = open({ embedded: true, crs: ['fibre=EPSG:4326'] });
    const fibre = await withCrs.dataset.fibre();
    expect(unusedColumnsNote(withCrs.log)).toHaveLength(1);
    expectEqual(fibre, await open({ embedded: true }).dataset.fibre());
  }, 120_000);
});
