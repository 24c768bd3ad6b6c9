/** Reads a topology file (JSON or YAML) for buildTopology. */
import { parse as parseYaml } from 'yaml';
import { readText } from './read-inputs.js';

/** The parsed topology file, or a one-line error. */
export function readTopologyFile(path: string): { spec: unknown } | { error: string } {
  const r = readText(path);
  if ('finding' in r) return { error: r.finding.message };
  try {
    return { spec: parseYaml(r.text) as unknown };
  } catch (e) {
    return { error: `${path}: invalid topology file: ${(e as Error).message.split('\n')[0]}` };
  }
}
