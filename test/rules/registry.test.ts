// Meta-tests: the registry, the rule files, their tests and the README docs stay in step.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRuleDocs } from '../../src/rules/docs.js';
import { ALL_RULE_META, RULES } from '../../src/rules/index.js';

const ruleFiles = fs.readdirSync('src/rules').filter((f) => /^[a-z0-9-]+\.ts$/.test(f)).map((f) => f.replace(/\.ts$/, ''));
const testText = fs.readdirSync('test/rules').map((f) => fs.readFileSync(`test/rules/${f}`, 'utf8')).join('\n');

describe('rule registry', () => {
  it('is sorted by id and lists every rule file', () => {
    const ids = RULES.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    const helpers = ['docs', 'index', 'input-rules', 'lookup-helpers', 'rule', 'vindex-helpers'];
    expect(ruleFiles.filter((f) => !helpers.includes(f)).sort()).toEqual(ids);
  });

  it('has a test for every rule', () => {
    for (const r of RULES) expect(testText.includes(`'${r.id}'`), `no test names ${r.id}`).toBe(true);
  });

  it('documents every rule in the README (UPDATE_DOCS=1 rewrites the section)', () => {
    const readme = fs.readFileSync('README.md', 'utf8');
    const section = `<!-- rules:start -->\n${renderRuleDocs(ALL_RULE_META)}\n<!-- rules:end -->`;
    const current = readme.replace(/<!-- rules:start -->[\s\S]*<!-- rules:end -->/, section);
    if (process.env.UPDATE_DOCS) fs.writeFileSync('README.md', current);
    expect(readme, 'README rule docs are stale: run UPDATE_DOCS=1 npx vitest run test/rules/registry.test.ts').toBe(current);
    for (const r of ALL_RULE_META) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.docs.length).toBeGreaterThan(20);
    }
  });
});
