import { describe, expect, it } from 'vitest';
import { readTarget } from '../../src/action/event.js';

const env = (name: string, file: string) => ({ GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: `fixtures/events/${file}`, GITHUB_REPOSITORY: 'acme/vitess-config', GITHUB_SHA: 'f'.repeat(40) });

describe('run targets from event payloads (fixtures/events)', () => {
  it('pull_request: base and head SHAs and the PR', () => {
    expect(readTarget(env('pull_request', 'pull_request.json'))).toMatchObject({ baseSha: '1'.repeat(40), headSha: '2'.repeat(40), pr: { number: 42, fork: false } });
  });
  it('detects fork PRs', () => {
    expect(readTarget(env('pull_request', 'pull_request_fork.json')).pr).toEqual({ number: 43, fork: true });
  });
  it('push compares with the previous commit, merge_group with its base', () => {
    expect(readTarget(env('push', 'push.json'))).toMatchObject({ baseSha: '1'.repeat(40), headSha: '4'.repeat(40), pr: null });
    expect(readTarget(env('merge_group', 'merge_group.json'))).toMatchObject({ baseSha: '1'.repeat(40), headSha: '5'.repeat(40) });
  });
  it('workflow_dispatch checks HEAD against its parent', () => {
    expect(readTarget({ GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_SHA: 'abc', GITHUB_REPOSITORY: 'a/b' })).toMatchObject({ baseSha: 'abc^', headSha: 'abc', pr: null });
  });
});
