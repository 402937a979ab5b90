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

/** Lines of one event for one member (or for the whole relay when no member is named) per minute. */
export const LOG_LINES_PER_MINUTE = 60;
const MAX_THROTTLED_KEYS = 10_000;

/**
 * A logger that writes at most `perMinute` lines per level, event and member each minute, so a client
 * repeating something the relay refuses cannot fill the disk with log. The first line after a quiet spell
 * says how many were left out (`suppressed`).
 */
export function throttledLogger(
  logger: Logger,
  perMinute: number = LOG_LINES_PER_MINUTE,
  now: () => number = Date.now,
): Logger {
  const windows = new Map<string, { start: number; count: number; suppressed: number }>();
  const write = (level: keyof Logger, event: string, fields: LogFields | undefined): void => {
    const at = now();
    const key = `${level}\n${event}\n${fields?.member ?? ''}`;
    let window = windows.get(key);
    if (window && at - window.start >= 60_000) {
      const suppressed = window.suppressed;
      windows.delete(key);
      window = undefined;
      if (suppressed > 0) fields = { ...fields, suppressed };
    }
    if (!window) {
      if (windows.size >= MAX_THROTTLED_KEYS) {
        for (const [old, value] of windows) if (at - value.start >= 60_000) windows.delete(old);
        if (windows.size >= MAX_THROTTLED_KEYS) windows.clear();
      }
      window = { start: at, count: 0, suppressed: 0 };
      windows.set(key, window);
    }
    if (window.count >= perMinute) {
      window.suppressed++;
      return;
    }
    window.count++;
    logger[level](event, fields);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
}
