/** SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). */
import type { Finding } from '../core/finding.js';
import type { RuleMeta } from '../rules/rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * Renders findings as a SARIF log. `rules` supplies rule metadata (id, description, docs);
 * `version` is the tool version. File paths are emitted as given (relative URIs).
 */
export function renderSarif(findings: readonly Finding[], rules: readonly RuleMeta[], version: string): string {
  const used = [...new Set(findings.map((f) => f.rule))].sort();
  const meta = used.map((id) => rules.find((r) => r.id === id) ?? { id, description: id, docs: '', severity: 'error' as const, vitessSource: null });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vschema-guard',
            version,
            informationUri: 'https://github.com/vschema-guard/vschema-guard',
            rules: meta.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.docs || r.description },
              helpUri: `https://github.com/vschema-guard/vschema-guard#${r.id}`,
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: used.indexOf(f.rule),
          level: LEVEL[f.severity],
          message: { text: f.message + (f.vitess_error ? ` (vtgate: ${f.vitess_error})` : '') + (f.hint ? ` Hint: ${f.hint}` : '') },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
          partialFingerprints: { 'vschemaGuard/v1': `${f.rule}|${f.keyspace ?? ''}|${f.pointer}` },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
