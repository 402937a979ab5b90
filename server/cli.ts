/**
 * soa-relay: the relay's one command (see server/README.md). Wrong input gets one plain line on stderr and
 * exit code 2; an unexpected failure gets one line and exit code 1; never a stack trace.
 */
import { parseArgs } from 'node:util';
import { COMMANDS } from './cli/commands';
import type { Command, CommandOutput } from './cli/command';
import { Directory } from './db/directory';
import { DatabaseFileError, openDatabase } from './db/openDatabase';
import { InputError } from './inputError';

const COMMON = { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } as const;

function usage(): string {
  return [
    'Usage: soa-relay <command> [options]',
    '',
    ...COMMANDS.map(
      (command) =>
        `  soa-relay ${command.name} --db <file> ${command.usage}${command.name === 'serve' ? '' : ' [--json]'}\n      ${command.summary}`,
    ),
  ].join('\n');
}

function findCommand(words: readonly string[]): { command: Command; rest: string[] } {
  for (const command of COMMANDS) {
    const name = command.name.split(' ');
    if (name.every((word, index) => words[index] === word)) return { command, rest: words.slice(name.length) };
  }
  const given = words
    .filter((word) => !word.startsWith('-'))
    .slice(0, 2)
    .join(' ');
  throw new InputError(
    given
      ? `Unknown command "${given}". Run "soa-relay --help" for the list.`
      : 'No command given. Run "soa-relay --help" for the list.',
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  const { command, rest } = findCommand(argv);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...COMMON, ...command.options },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new InputError(
      `${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Usage: soa-relay ${command.name} --db <file> ${command.usage}`,
    );
  }
  const options = parsed.values as Record<string, string | boolean | undefined>;
  if (options.help) {
    process.stdout.write(`soa-relay ${command.name} --db <file> ${command.usage}\n${command.summary}\n`);
    return 0;
  }
  const missing = ['db', ...command.required].filter(
    (name) => typeof options[name] !== 'string' || options[name] === '',
  );
  if (missing.length > 0) {
    throw new InputError(
      `Missing ${missing.map((name) => `--${name}`).join(', ')}. Usage: soa-relay ${command.name} --db <file> ${command.usage}`,
    );
  }
  const json = options.json === true;
  const output: CommandOutput = {
    result: (body, text) => void process.stdout.write((json ? JSON.stringify(body) : text) + '\n'),
  };
  const opened: { db: ReturnType<typeof openDatabase> | null } = { db: null };
  const directory = (): Directory => {
    opened.db ??= openDatabase(String(options.db), { mustExist: command.createsDatabase !== true });
    return new Directory(opened.db);
  };
  try {
    return (await command.run({ options, json }, output, directory)) ?? 0;
  } finally {
    opened.db?.close();
  }
}

/** Runs main and turns every failure into one line and an exit code. */
export function runCli(argv: readonly string[]): void {
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const expected = error instanceof InputError || error instanceof DatabaseFileError;
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`soa-relay: ${expected ? message : `failed: ${message}`}\n`);
      process.exitCode = expected ? 2 : 1;
    },
  );
}
