import { ENVIRONMENTS, type Environment } from '../core/model.ts';
import { normalizeKeyword } from '../core/normalize-keyword.ts';

/** Environment names folded by normalizeKeyword → environment. */
export const ENVIRONMENT_KEYWORDS: ReadonlyMap<string, Environment> = new Map(
  ENVIRONMENTS.map((environment) => [environment, environment]),
);

/** Parses an environment keyword (metropolitan/urban/suburban/rural, any case); null when it is none of them. */
export function parseEnvironment(text: string): Environment | null {
  return ENVIRONMENT_KEYWORDS.get(normalizeKeyword(text)) ?? null;
}
