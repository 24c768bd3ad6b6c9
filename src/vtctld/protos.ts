/**
 * The protobufjs reflection of our proto text (`proto-text.ts`), parsed once at first use with
 * `keepCase: true`, so message objects use Vitess's proto field names (snake_case) as
 * `vtctldclient GetVSchema` prints them.
 */
import protobuf from 'protobufjs';
import { PROTO_SOURCES } from './proto-text.js';

let cached: protobuf.Root | null = null;

/** The resolved root holding packages vttime, vtrpc, query, topodata, vschema, vtctldata, vtctlservice. */
export function protoRoot(): protobuf.Root {
  if (cached) return cached;
  const root = new protobuf.Root();
  for (const { text } of PROTO_SOURCES) protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  cached = root;
  return root;
}

/** A message type by full name, e.g. `vtctldata.GetVSchemaRequest`. Throws when the name is not declared. */
export function messageType(fullName: string): protobuf.Type {
  return protoRoot().lookupType(fullName);
}

/** One unary method of `vtctlservice.Vtctld`: its gRPC path and message types. */
export interface VtctldMethod {
  /** RPC name, e.g. `ApplyVSchema`. */
  name: string;
  /** `/vtctlservice.Vtctld/<name>`. */
  path: string;
  request: protobuf.Type;
  response: protobuf.Type;
}

/** Every method of `vtctlservice.Vtctld` in our proto, by RPC name. */
export function vtctldMethods(): Map<string, VtctldMethod> {
  const service = protoRoot().lookupService('vtctlservice.Vtctld');
  const out = new Map<string, VtctldMethod>();
  for (const m of service.methodsArray) {
    m.resolve();
    out.set(m.name, {
      name: m.name,
      path: `/vtctlservice.Vtctld/${m.name}`,
      request: m.resolvedRequestType!,
      response: m.resolvedResponseType!,
    });
  }
  return out;
}
