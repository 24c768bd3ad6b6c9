/** CLI dispatch: argv → subcommand → exit code. Never lets an exception reach the user as a stack trace. */
import { checkCommand, type Io } from './check-command.js';
import { USAGE, UsageError, commandHelp } from './usage.js';

type Command = (argv: string[], io: Io) => number | Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  check: async () => checkCommand,
  simulate: async () => (await import('./simulate-command.js')).simulateCommand,
  locate: async () => (await import('./locate-command.js')).locateCommand,
  diff: async () => (await import('./diff-command.js')).diffCommand,
  schema: async () => (await import('./schema-command.js')).schemaCommand,
  deploy: async () => (await import('./deploy-command.js')).deployCommand,
  rollback: async () => (await import('./rollback-command.js')).rollbackCommand,
  migrations: async () => (await import('./migrations-command.js')).migrationsCommand,
  verify: async () => (await import('./verify-command.js')).verifyCommand,
};

/** The commands, in the order of the usage text. */
export const COMMAND_NAMES: readonly string[] = Object.keys(commands);

/**
 * `--opt -1` → `--opt=-1`: a negative number after an option is its value (parseArgs would take it
 * for an option and refuse the ambiguity).
 */
function negativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (/^--[a-z][a-z-]*$/.test(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Runs the CLI; returns the process exit code (0 ok, 1 findings, 2 usage/tool error). */
export async function main(argv: string[], io: Io): Promise<number> {
  const [sub, ...given] = argv;
  const rest = negativeValues(given);
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(USAGE);
    return sub ? 0 : 2;
  }
  if (sub === '--version' || sub === '-v') {
    io.out((await import('./usage.js')).VERSION + '\n');
    return 0;
  }
  const load = Object.hasOwn(commands, sub) ? commands[sub] : undefined;
  if (!load) {
    io.err(`vschema-guard: unknown command "${sub}"\n\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(sub));
    return 0;
  }
  // With --format json, stdout always carries exactly one JSON document, also for errors.
  const json = rest.some((a, i) => a === '--format=json' || (a === '--format' && rest[i + 1] === 'json'));
  let wrote = false;
  const sink: Io = { out: (s) => ((wrote = true), io.out(s)), err: (s) => io.err(s) };
  const fail = (message: string, kind: 'usage' | 'internal'): number => {
    io.err(`vschema-guard ${sub}: ${kind === 'internal' ? 'internal error: ' : ''}${message}\n${kind === 'usage' ? '(see vschema-guard --help)\n' : ''}`);
    if (json && !wrote) io.out(JSON.stringify({ error: { kind, message } }) + '\n');
    return 2;
  };
  try {
    return await (await load())(rest, sink);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // ConnectionOptionsError (src/vtctld/connection-options.ts): a bad --vtctld/--tls-*/--auth-file/--rpc-timeout.
    if (e instanceof UsageError || (e as Error)?.name === 'ConnectionOptionsError' || (e as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS')) return fail(message, 'usage');
    return fail(message, 'internal');
  }
}

