// A throwaway git repository for the deploy CLI tests: origin acme/shop, V1 committed under vschema/, V2 in
// the work tree (the head to deploy), and the process inside it until `remove()`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VSchemaJson } from '../../src/vtctld/client.js';
import { V1, V2 } from '../deploy/helpers.js';

/** The repository, a git runner inside it, a writer of vschema/, and the clean-up. */
export interface DeployRepo {
  dir: string;
  git(...args: string[]): string;
  /** Replaces vschema/ with one `<keyspace>.json` per entry. */
  writeSide(side: Record<string, VSchemaJson>): void;
  /** Leaves the repository (back to the previous cwd) and deletes it. */
  remove(): void;
}

/** Creates the repository (V1 committed, V2 written) and enters it. */
export function makeDeployRepo(prefix: string): DeployRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const cwd = process.cwd();
  const git = (...a: string[]): string => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: dir, encoding: 'utf8' });
  const writeSide = (side: Record<string, VSchemaJson>): void => {
    fs.rmSync(path.join(dir, 'vschema'), { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'vschema'));
    for (const [k, v] of Object.entries(side)) fs.writeFileSync(path.join(dir, 'vschema', `${k}.json`), JSON.stringify(v, null, 2) + '\n');
  };
  git('init', '-q');
  git('remote', 'add', 'origin', 'git@github.com:acme/shop.git');
  writeSide(V1);
  git('add', '.');
  git('commit', '-qm', 'v1');
  writeSide(V2);
  process.chdir(dir);
  return {
    dir, git, writeSide,
    remove() {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
