/** The action's inputs, read once into a typed object (a test keeps action.yml in step). */
import { FAIL_ON, type FailOn } from '../diff/build-report.js';

/** When the PR comment is written. */
export const COMMENT_MODES = ['update', 'on-failure', 'off'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];

/** Typed inputs. */
export interface ActionInputs {
  /** Globs of the VSchema files; empty = automatic (named vschema*.json, under vschema*, or shaped like a VSchema). */
  vschemaPaths: string[];
  queries: string[];
  topology: string | null;
  schema: string | null;
  config: string;
  failOn: FailOn[];
  comment: CommentMode;
  commentId: string;
  githubToken: string;
  workingDirectory: string;
  /** Two-workflow mode: post this markdown report (made by an unprivileged run) and nothing else. */
  postReport: string | null;
  prNumber: number | null;
}

/** Input names and defaults (mirrors action.yml). */
export const INPUT_DEFAULTS: Record<string, string> = {
  'vschema-paths': '',
  queries: '',
  topology: '',
  schema: '',
  config: '.vschema-guard.yml',
  'fail-on': 'error,regression',
  comment: 'update',
  'comment-id': 'default',
  'github-token': '',
  'working-directory': '.',
  'post-report': '',
  'pr-number': '',
};

const list = (s: string): string[] => s.split(/[\n,]/).map((x) => x.trim()).filter(Boolean);

/** Reads inputs through `get` (core.getInput); throws Error with a clear message on bad values. */
export function parseInputs(get: (name: string) => string): ActionInputs {
  const v = (name: string): string => get(name).trim() || INPUT_DEFAULTS[name]!;
  const failOn = list(v('fail-on'));
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new Error(`input fail-on: "${f}" is not one of ${FAIL_ON.join(', ')}`);
  const comment = v('comment');
  if (!(COMMENT_MODES as readonly string[]).includes(comment)) throw new Error(`input comment: "${comment}" is not one of ${COMMENT_MODES.join(', ')}`);
  return {
    vschemaPaths: list(get('vschema-paths')),
    queries: list(get('queries')),
    topology: get('topology').trim() || null,
    schema: get('schema').trim() || null,
    config: v('config'),
    failOn: failOn as FailOn[],
    comment: comment as CommentMode,
    commentId: v('comment-id'),
    githubToken: get('github-token').trim(),
    workingDirectory: v('working-directory'),
    postReport: get('post-report').trim() || null,
    prNumber: (() => {
      const n = get('pr-number').trim();
      if (!n) return null;
      if (!/^\d+$/.test(n)) throw new Error(`input pr-number: "${n}" is not a pull request number`);
      return Number(n);
    })(),
  };
}
