/** Renders the README's rule section from the registry (kept in step by test/rules/registry.test.ts). */
import type { RuleMeta } from './rule.js';

/** Markdown: one table row per rule, with an anchor per rule id. */
export function renderRuleDocs(rules: readonly RuleMeta[]): string {
  const rows = rules.map(
    (r) =>
      `| <a id="${r.id}"></a>\`${r.id}\` | ${r.severity} | ${r.vitessSource && !r.vitessSource.startsWith('go/json2') ? 'vtgate' : ''} | ${r.description} ${r.docs}`.replace(/\n/g, ' ') +
      ' |',
  );
  return ['| rule | severity | | what and why |', '|---|---|---|---|', ...rows].join('\n');
}
