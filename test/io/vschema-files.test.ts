// Finding the cluster's VSchema files: the README's layouts by default (names and content), never
// the files given as topology, config, schema or queries, the same at head and at a base commit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { otherInputs, selectVSchemaPaths, vschemaFilesAtHead, vschemaFilesAtRef } from '../../src/io/vschema-files.js';
import { looksLikeVSchema } from '../../src/vschema/recognise.js';

const files: Record<string, string> = {
  'vschema/commerce.json': '{"tables": {"product": {}}}',
  'vschema/customer.json': '{"sharded": true, "vindexes": {"hash": {"type": "hash"}}, "tables": {}}',
  'vschema/topology.json': '{"customer": 4}',
  'deploy/vschema_customer_sharded.json': '{"sharded": true}',
  'other/srv.json': '{"keyspaces": {"a": {"tables": {}}}}',
  'other/rules.json': '{"rules": [{"from_table": "t", "to_tables": ["a.t"]}]}',
  'other/shard-map.json': '{"customer": {"-80": {"key_range_start": ""}}}',
  'package.json': '{"name": "x", "version": "1.0.0"}',
  '.vschema-guard.yml': 'rules: {}\n',
  'schema/customer.sql': 'create table t (id int);',
};
const read = (p: string): string | null => files[p] ?? null;
const noOthers = otherInputs([], [], []);

describe('recognising VSchema files', () => {
  it('by content: keyspaces, SrvVSchemas, routing rules; not topologies, shard maps, package files or {}', () => {
    expect(Object.keys(files).filter((p) => p.endsWith('.json') && looksLikeVSchema(files[p]!))).toEqual([
      'vschema/commerce.json', 'vschema/customer.json', 'deploy/vschema_customer_sharded.json', 'other/srv.json', 'other/rules.json',
    ]);
    expect(looksLikeVSchema('{}')).toBe(false);
    expect(looksLikeVSchema('not json')).toBe(false);
  });
  it('the default finds the README layout (vschema/commerce.json, customer.json) without its topology', () => {
    const sel = { globs: null, exclude: otherInputs(['vschema/topology.json', '.vschema-guard.yml'], ['schema'], []) };
    expect(selectVSchemaPaths(Object.keys(files), read, sel)).toEqual([
      'deploy/vschema_customer_sharded.json', 'other/rules.json', 'other/srv.json', 'vschema/commerce.json', 'vschema/customer.json',
    ]);
  });
  it('explicit globs decide, but a file given as topology is never a VSchema (the README sample workflow)', () => {
    const sel = { globs: ['vschema/*.json'], exclude: otherInputs(['vschema/topology.json'], ['schema'], ['queries/*.log']) };
    expect(selectVSchemaPaths(Object.keys(files), read, sel)).toEqual(['vschema/commerce.json', 'vschema/customer.json']);
    expect(selectVSchemaPaths(Object.keys(files), read, { globs: ['vschema/*.json'], exclude: noOthers })).toContain('vschema/topology.json');
  });
  it('reads the same selection from the working tree and from a commit', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vg-sel-'));
    for (const [p, t] of Object.entries(files)) {
      fs.mkdirSync(path.join(repo, path.dirname(p)), { recursive: true });
      fs.writeFileSync(path.join(repo, p), t);
    }
    const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const sel = { globs: null, exclude: otherInputs(['vschema/topology.json'], [], []) };
    const head = vschemaFilesAtHead(repo, sel);
    const base = vschemaFilesAtRef('HEAD', sel, repo);
    expect(base).toEqual(head);
    expect(head.find((f) => f.path === 'vschema/customer.json')!.text).toBe(files['vschema/customer.json']);
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
