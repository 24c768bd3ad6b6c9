import { describe, expect, it } from 'vitest';
import { DEPLOY_EVENTS, DEPLOY_STATES, IllegalTransition, TRANSITIONS, isTerminal, next } from '../../src/deploy/state-machine.js';

describe('deploy state machine', () => {
  it('walks the happy path with and without the DDL phase', () => {
    const walk = (events: Parameters<typeof next>[1][]): string[] => {
      const seen: string[] = ['pending'];
      let s = 'pending' as Parameters<typeof next>[0];
      for (const e of events) seen.push((s = next(s, e)));
      return seen;
    };
    expect(walk(['start', 'apply', 'applied', 'verified'])).toEqual(['pending', 'preflight', 'applying', 'verifying', 'committed']);
    expect(walk(['start', 'run_ddl', 'ddl_ok', 'applied', 'verified'])).toEqual(['pending', 'preflight', 'ddl', 'applying', 'verifying', 'committed']);
  });

  it('ends refused, DDL-failed and dry runs without passing through applying', () => {
    expect(next('preflight', 'refuse')).toBe('failed');
    expect(next('ddl', 'ddl_failed')).toBe('failed');
    expect(next('preflight', 'dry_run')).toBe('planned');
    expect(next('ddl', 'dry_run')).toBe('planned');
  });

  it('rolls back from applying and verifying, and only from there or a rollback run', () => {
    expect(next('applying', 'apply_failed')).toBe('rolling_back');
    expect(next('verifying', 'verify_failed')).toBe('rolling_back');
    expect(next('rolling_back', 'rollback_ok')).toBe('rolled_back');
    expect(next('rolling_back', 'rollback_failed')).toBe('failed');
    const into = DEPLOY_STATES.filter((s) => Object.values(TRANSITIONS[s]).includes('rolling_back'));
    expect(into.sort()).toEqual(['applying', 'preflight', 'verifying']);
  });

  it('rejects every transition the table does not list', () => {
    expect(() => next('pending', 'apply')).toThrow(IllegalTransition);
    expect(() => next('committed', 'start')).toThrow(/no transition from "committed" on "start"/);
    expect(() => next('preflight', 'applied')).toThrow(IllegalTransition);
    let legal = 0;
    for (const s of DEPLOY_STATES) for (const e of DEPLOY_EVENTS) {
      if (TRANSITIONS[s][e]) legal++;
      else expect(() => next(s, e)).toThrow(IllegalTransition);
    }
    expect(legal).toBe(20);
  });

  it('reaches every state from pending, and a terminal state from every state', () => {
    const reach = new Set<string>(['pending']);
    for (let grew = true; grew;) {
      grew = false;
      for (const s of [...reach]) for (const to of Object.values(TRANSITIONS[s as keyof typeof TRANSITIONS])) if (!reach.has(to!)) { reach.add(to!); grew = true; }
    }
    expect([...reach].sort()).toEqual([...DEPLOY_STATES].sort());
    for (const s of DEPLOY_STATES) {
      const seen = new Set([s]);
      const stack = [s];
      let terminal = false;
      while (stack.length) {
        const x = stack.pop()!;
        if (isTerminal(x)) terminal = true;
        for (const to of Object.values(TRANSITIONS[x])) if (!seen.has(to!)) { seen.add(to!); stack.push(to!); }
      }
      expect(terminal, s).toBe(true);
    }
    expect(DEPLOY_STATES.filter(isTerminal).sort()).toEqual(['committed', 'failed', 'planned', 'rolled_back']);
  });
});
