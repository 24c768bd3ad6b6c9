/** Writing a JSON file atomically (temp file + rename), so a killed run never leaves half a record. */
import fs from 'node:fs';
import path from 'node:path';

/** Writes `value` as pretty JSON to `file`, creating its directory. Throws with the path on failure. */
export function writeJsonAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}
