/**
 * The table every bench prints (run.ts, browser.ts, country.ts): one row per figure with its target where issues 12
 * and 14 set one, then each missed target with the reason measured in the same run (issue 14: every row "at its
 * target or with the measured reason it cannot be").
 */

/** A row's target: its printed form, the test of one measured value, and why a miss happens. */
export interface Target {
  /** As printed: "≤ 500 ms". */
  label: string;
  met(value: number): boolean;
  /** Why the row misses it, from the run's own figures; called when the table is printed, every figure known. */
  why(): string;
}

export const formatNumber = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(value >= 10 ? 1 : 2);

/** "500 ms", "2×": a ratio's sign follows the number. */
const withUnit = (limit: number, unit: string): string => `${limit.toLocaleString('en-US')}${unit === '×' ? '' : ' '}${unit}`;

export function atMost(limit: number, unit: string, why: () => string): Target {
  return { label: `≤ ${withUnit(limit, unit)}`, met: (value) => value <= limit, why };
}

export function atLeast(limit: number, unit: string, why: () => string): Target {
  return { label: `≥ ${withUnit(limit, unit)}`, met: (value) => value >= limit, why };
}

interface Row {
  label: string;
  value: string;
  /** The target's label, or a note in its place ("(target at full scale)"). */
  target: string;
  missed: Target | null;
}

export class BenchTable {
  private readonly rows: Row[] = [];

  /**
   * A row showing `value`; with a target, missed when any of `measured` (the row's runs) misses it. A row whose
   * runs are not numbers (a failed command) passes its note as `target`.
   */
  row(label: string, value: string, target?: Target | string, measured: readonly number[] = []): void {
    if (typeof target !== 'object') {
      this.rows.push({ label, value, target: target ?? '', missed: null });
      return;
    }
    const missed = measured.some((figure) => !target.met(figure)) ? target : null;
    this.rows.push({ label, value, target: target.label, missed });
  }

  /** The title, the rows aligned in columns, then "why" for each missed target. */
  print(title: string, write: (text: string) => void = (text) => void process.stdout.write(text)): void {
    const width = Math.max(...this.rows.map((row) => row.label.length));
    const valueWidth = Math.max(...this.rows.map((row) => row.value.length));
    write(`${title}\n`);
    for (const row of this.rows) write(`${row.label.padEnd(width)}  ${row.value.padStart(valueWidth)}  ${row.target}\n`.replace(/ +\n$/, '\n'));
    const missed = this.rows.filter((row) => row.missed !== null);
    if (missed.length === 0) return;
    write('targets missed, and why (figures of this run):\n');
    for (const row of missed) write(`- ${row.label} (${row.missed!.label}): ${row.missed!.why()}\n`);
  }
}
