/**
 * Findings of base vs head: introduced, resolved, unchanged. Matched by rule + keyspace + JSON path
 * inside the keyspace (never line numbers), so moving code around does not "introduce" anything.
 */
import { type Finding, sortFindings } from '../core/finding.js';

/** The three groups. */
export interface FindingsDiff {
  introduced: Finding[];
  resolved: Finding[];
  unchanged: Finding[];
}

/** Key of a finding that survives line moves and file-shape changes (SrvVSchema ↔ keyspace file). */
export function findingKey(f: Finding): string {
  const ks = f.keyspace ?? '';
  const logical = ks ? f.pointer.replace(new RegExp(`^/keyspaces/${ks.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=/|$)`), '') : f.pointer;
  return `${f.rule}|${ks}|${logical}|${logical === '' ? f.message : ''}`;
}

/** Splits head findings into introduced/unchanged and base findings into resolved. */
export function diffFindings(base: readonly Finding[], head: readonly Finding[]): FindingsDiff {
  const baseKeys = new Map<string, number>();
  for (const f of base) baseKeys.set(findingKey(f), (baseKeys.get(findingKey(f)) ?? 0) + 1);
  const introduced: Finding[] = [];
  const unchanged: Finding[] = [];
  for (const f of head) {
    const k = findingKey(f);
    const n = baseKeys.get(k) ?? 0;
    if (n > 0) {
      baseKeys.set(k, n - 1);
      unchanged.push(f);
    } else introduced.push(f);
  }
  const headKeys = new Map<string, number>();
  for (const f of head) headKeys.set(findingKey(f), (headKeys.get(findingKey(f)) ?? 0) + 1);
  const resolved = base.filter((f) => {
    const k = findingKey(f);
    const n = headKeys.get(k) ?? 0;
    if (n > 0) {
      headKeys.set(k, n - 1);
      return false;
    }
    return true;
  });
  return { introduced: sortFindings(introduced), resolved: sortFindings(resolved), unchanged: sortFindings(unchanged) };
}
