/** CLI dispatch: argv → subcommand → exit code. Never lets an exception reach the user as a stack trace. */
import { checkCommand, type Io } from './check-command.js';
import { USAGE, UsageError } from './usage.js';

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

/** Runs the CLI; returns the process exit code (0 ok, 1 findings, 2 usage/tool error). */
export async function main(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h' || sub === 'help') {
    io.out(USAGE);
    return sub ? 0 : 2;
  }
  if (sub === '--version' || sub === '-v') {
    io.out((await import('./usage.js')).VERSION + '\n');
    return 0;
  }
  const load = commands[sub];
  if (!load) {
    io.err(`vschema-guard: unknown command "${sub}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (e) {
    // ConnectionOptionsError (src/vtctld/connection-options.ts): a bad --vtctld/--tls-*/--auth-file/--rpc-timeout.
    if (e instanceof UsageError || (e as Error)?.name === 'ConnectionOptionsError' || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`vschema-guard ${sub}: ${(e as Error).message}\n(see vschema-guard --help)\n`);
      return 2;
    }
    io.err(`vschema-guard ${sub}: internal error: ${(e as Error).message ?? String(e)}\n`);
    return 2;
  }
}

