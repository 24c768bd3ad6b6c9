/**
 * gRPC failures → `VtctldError` (status name, vtctld's text verbatim, RPC, keyspace), with the static
 * auth credentials scrubbed from anything a server or the transport may echo back.
 */
import { VtctldError } from './client.js';

/** gRPC status numbers → names (grpc/grpc `doc/statuscodes.md`). */
export const GRPC_STATUS_NAMES: readonly string[] = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS',
  'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED',
  'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];

/** The gRPC status name of a code number (`UNKNOWN_STATUS_<n>` outside the table). */
export function grpcStatusName(code: number | undefined): string {
  return code === undefined ? 'UNKNOWN' : (GRPC_STATUS_NAMES[code] ?? `UNKNOWN_STATUS_${code}`);
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with every occurrence of a secret replaced by `<redacted>`. Secrets of 4+ characters are
 * replaced anywhere; shorter ones only as whole tokens, so a 2-letter username does not mangle the text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (!s) continue;
    const re = s.length >= 4 ? new RegExp(escapeRe(s), 'g') : new RegExp(`(?<![A-Za-z0-9_])${escapeRe(s)}(?![A-Za-z0-9_])`, 'g');
    out = out.replace(re, '<redacted>');
  }
  return out;
}

/**
 * The VtctldError for a failed call. `err` is grpc-js's ServiceError (`code`, `details`) or anything
 * else thrown on the way (a serializer error becomes INTERNAL with its message).
 */
export function toVtctldError(rpc: string, err: unknown, keyspace: string | null, secrets: readonly string[]): VtctldError {
  const e = err as { code?: unknown; details?: unknown; message?: unknown };
  const grpcCode = typeof e?.code === 'number' ? e.code : undefined;
  const code = grpcCode === undefined ? 'INTERNAL' : grpcStatusName(grpcCode);
  const text = typeof e?.details === 'string' && e.details !== '' ? e.details : String(e?.message ?? err);
  return new VtctldError(rpc, code, redact(text, secrets), keyspace);
}
