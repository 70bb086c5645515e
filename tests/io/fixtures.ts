/** Shared by the io tests: reading fixtures and reducing issues to comparable tuples. */
import { readFileSync } from 'node:fs';
import type { ImportIssue } from '../../src/io/import-result.ts';

const FIXTURES = 'tests/fixtures/io';

export function readFixture(name: string): string {
  return readFileSync(`${FIXTURES}/${name}`, 'utf8');
}

/** [index, code, column, severity] of each issue, in the result's order. */
export function issueTuples(issues: readonly ImportIssue[]): Array<[number | null, string, string | null, string]> {
  return issues.map((issue) => [issue.index, issue.code, issue.column ?? null, issue.severity]);
}
