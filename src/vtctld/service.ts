/**
 * The grpc-js service definition of `vtctlservice.Vtctld` built from our proto with protobufjs
 * serializers, shared by the real client (`grpc-client.ts`, through makeGenericClientConstructor)
 * and the in-process fake server of the tests (`server.addService`).
 *
 * Responses are handed to the client as raw bytes: the client decodes them itself so it can walk
 * the wire format for fields our proto does not declare (`unknown-fields.ts`). A server handler may
 * likewise answer with ready-made bytes (a Buffer) instead of a message object.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { vtctldMethods } from './protos.js';

/** A message object (proto field names) or already-encoded bytes. */
export type WireValue = Record<string, unknown> | Buffer;

let cached: ServiceDefinition | null = null;

/** `vtctlservice.Vtctld` as a grpc-js ServiceDefinition keyed by RPC name (all unary). */
export function vtctldServiceDefinition(): ServiceDefinition {
  if (cached) return cached;
  const def: Record<string, ServiceDefinition[string]> = {};
  for (const m of vtctldMethods().values()) {
    const encodeRequest = (v: WireValue): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(m.request.encode(v).finish()));
    const encodeResponse = (v: WireValue): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(m.response.encode(v).finish()));
    def[m.name] = {
      path: m.path,
      originalName: m.name,
      requestStream: false,
      responseStream: false,
      requestSerialize: encodeRequest,
      requestDeserialize: (b: Buffer) => m.request.decode(b),
      responseSerialize: encodeResponse,
      responseDeserialize: (b: Buffer) => b,
    };
  }
  cached = def as ServiceDefinition;
  return cached;
}
