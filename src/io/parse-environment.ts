import { ENVIRONMENTS, type Environment } from '../core/model.ts';
import { normalizeKeyword } from './normalize-keyword.ts';

const ENVIRONMENT_KEYWORDS = new Map<string, Environment>(ENVIRONMENTS.map((environment) => [environment, environment]));

/** Parses an environment keyword (metropolitan/urban/suburban/rural, any case); null when it is none of them. */
export function parseEnvironment(text: string): Environment | null {
  return ENVIRONMENT_KEYWORDS.get(normalizeKeyword(text)) ?? null;
}
