/**
 * One admin command. Each lives in its own file under cli/commands and is listed in cli/commands/index.ts,
 * so adding a subcommand (such as `export`) is one small file and one line.
 */
import type { Directory } from '../db/directory';

export type OptionSpec = { readonly type: 'string' } | { readonly type: 'boolean' };

/** What a command receives: its options as strings or booleans (unknown options were already refused). */
export interface CommandInput {
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly json: boolean;
}

export interface CommandOutput {
  /** Prints the command's result: the JSON object with --json, otherwise the human text. */
  result(json: Record<string, unknown>, text: string): void;
}

export interface Command {
  /** The words that select it, e.g. "partner add". */
  readonly name: string;
  readonly summary: string;
  /** Options after the name, e.g. "--partnership <id> --name <text> --kind <kind>". */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Options that must be given. */
  readonly required: readonly string[];
  /** True for commands that may start a new database (the others refuse a --db path with no database). */
  readonly createsDatabase?: boolean;
  /**
   * Admin commands get the directory of an open database; `serve` opens its own. A number returned is the
   * exit code (`bundle import` exits 3 when it refused a room); otherwise 0.
   */
  readonly run: (
    input: CommandInput,
    output: CommandOutput,
    directory: () => Directory,
  ) => Promise<number | void> | number | void;
}

/** Reads a string option (the parser guarantees the type). */
export function text(input: CommandInput, name: string): string | undefined {
  const value = input.options[name];
  return typeof value === 'string' ? value : undefined;
}
