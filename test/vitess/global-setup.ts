/** Builds (or finds) the Vitess binaries once before the integration tests; workers read VG_VITESS_BIN. */
import { buildVitess } from './harness.js';

export default async function setup(): Promise<void> {
  if (!process.env.VG_VITESS_BIN) process.env.VG_VITESS_BIN = await buildVitess();
}
