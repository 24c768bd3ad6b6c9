/**
 * Parsing of the Online DDL options shared by `migrations` and `deploy --ddl` (`--max-failed-shards`,
 * `--retries`). Pure; throws Error with the option's name.
 */

/** `15%`, `15` or `12.5` (percent of the expected shards) → a fraction 0–1. */
export function parseMaxFailedShards(text: string, option = '--max-failed-shards'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!m || Number(m[1]) > 100) throw new Error(`${option} must be a percentage of shards between 0 and 100, such as 15%, not "${text}"`);
  return Number(m[1]) / 100;
}

/** A non-negative integer count of retries. */
export function parseRetries(text: string, option = '--retries'): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new Error(`${option} must be a whole number of retries (0 or more), not "${text}"`);
  return Number(text);
}
