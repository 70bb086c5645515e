/**
 * The CLI's partner thread for a households parse (src/cli/household-rows-partner.ts): a real worker thread reads
 * the file and parses the second half of its rows; the parse is the one-piece parse of the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { householdRowsPartnerThread } from '../../src/cli/household-rows-partner.ts';
import { PartnerState, sharedControl, stateOf } from '../../src/core/partner-control.ts';
import { parseHouseholds, type HouseholdRows, type HouseholdRowsPartner } from '../../src/io/parse-households.ts';
import { MIN_SPLIT_CHARS } from '../../src/io/read-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'household-rows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A households CSV of 1.5 × MIN_SPLIT_CHARS characters, a bad row and a repeated id in its second half. */
function writeLongCsv(): { path: string; text: string } {
  const lines = ['household_id,lon,lat,count,ward_id'];
  for (let i = 0, chars = 0; chars < MIN_SPLIT_CHARS * 1.5; chars += lines[lines.length - 1].length + 1, i++) {
    lines.push(i === 40_000 ? 'h5,106.5,20.5,1,W1' : `h${i},106.${1000 + i},${i === 39_000 ? 'x' : `20.${2000 + i}`},${(i % 9) + 1},W${i % 4}`);
  }
  const text = lines.join('\n') + '\n';
  const path = join(dir, 'households.csv');
  writeFileSync(path, text);
  return { path, text };
}

describe('householdRowsPartnerThread', () => {
  it('parses the second half of the file in a worker thread, the whole parse that of one thread', () => {
    const { path, text } = writeLongCsv();
    const control = sharedControl();
    const thread = householdRowsPartnerThread(path, {}, control)!;
    // the host asks once the thread works (its start, compiling the sources through tsx, takes longer than the parse here)
    for (let ms = 0; stateOf(control) === PartnerState.PREPARING && ms < 60_000; ms += 10) Atomics.wait(control, 0, PartnerState.PREPARING, 10);
    let fromThread: HouseholdRows | null = null;
    const partner: HouseholdRowsPartner = { rowsOf: (part, length) => (fromThread = thread.rowsOf(part, length)) };
    const inTwo = parseHouseholds(text, 'households.csv', {}, partner);
    thread.stop();
    expect(fromThread).not.toBeNull();
    expect(fromThread!.length).toBeGreaterThan(10_000);
    const alone = parseHouseholds(text, 'households.csv');
    expect(inTwo).toEqual(alone);
    expect(alone.issues.filter((issue) => issue.severity === 'error').map((issue) => [issue.index, issue.code])).toEqual([
      [39_002, 'not-a-number'],
      [40_002, 'duplicate-id'],
    ]);
  }, 120_000);

  it('is not started for a small file, nor for one that does not exist', () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'household_id,lon,lat\nh1,106.7,20.8\n');
    expect(householdRowsPartnerThread(path, {})).toBeNull();
    expect(householdRowsPartnerThread(join(dir, 'missing.csv'), {})).toBeNull();
  });
});
