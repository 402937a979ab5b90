/**
 * Structured logging: one JSON object per line, one line per event. Information goes to stdout, warnings and
 * errors to stderr. Never pass a token here; log member ids instead.
 */
export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

function line(level: string, event: string, fields: LogFields | undefined): string {
  return JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }) + '\n';
}

export function jsonLogger(): Logger {
  return {
    info: (event, fields) => void process.stdout.write(line('info', event, fields)),
    warn: (event, fields) => void process.stderr.write(line('warn', event, fields)),
    error: (event, fields) => void process.stderr.write(line('error', event, fields)),
  };
}

/** For tools and tests that run the relay in-process and do not want its log. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The message of an unknown thrown value, for a log line. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
