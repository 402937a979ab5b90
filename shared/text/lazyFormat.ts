/**
 * Intl formatters made on their first use, not when their module loads. Making one reads ICU's locale and
 * time-zone data out of Node's binary, about 7 MiB of a process's memory; the relay loads the CLI's and the
 * exports' modules at start, and a relay serving only websockets never formats a date or a figure.
 */
export interface Formatter<T> {
  format(value: T): string;
}

export function lazyNumberFormat(locale: string, options: Intl.NumberFormatOptions): Formatter<number> {
  let made: Intl.NumberFormat | null = null;
  return { format: (value) => (made ??= new Intl.NumberFormat(locale, options)).format(value) };
}

export function lazyDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Formatter<Date | number> {
  let made: Intl.DateTimeFormat | null = null;
  return { format: (value) => (made ??= new Intl.DateTimeFormat(locale, options)).format(value) };
}
