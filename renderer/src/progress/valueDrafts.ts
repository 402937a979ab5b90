/**
 * A value typed into "Record a value" but not yet saved, kept on this computer (localStorage) per indicator
 * and year, so a reload, a crash or a closed lid never loses what the officer typed. A recorded value is an
 * official figure, so it reaches the SOA only when the officer saves it; until then it is only a draft here.
 */
export interface ValueDraft {
  readonly value: string;
  readonly source: string;
  readonly published: string;
  readonly note: string;
}

const PREFIX = 'soa-studio:value-draft:';

function storageKey(indicatorId: string, year: string): string {
  return `${PREFIX}${indicatorId}:${year}`;
}

export function readValueDraft(indicatorId: string, year: string): ValueDraft | null {
  try {
    const stored = localStorage.getItem(storageKey(indicatorId, year));
    if (!stored) return null;
    const parsed = JSON.parse(stored) as Partial<ValueDraft>;
    const text = (field: unknown) => (typeof field === 'string' ? field : '');
    return {
      value: text(parsed.value),
      source: text(parsed.source),
      published: text(parsed.published),
      note: text(parsed.note),
    };
  } catch {
    // Storage turned off or a damaged entry: the form starts from the saved value, as before.
    return null;
  }
}

export function keepValueDraft(indicatorId: string, year: string, draft: ValueDraft): void {
  try {
    localStorage.setItem(storageKey(indicatorId, year), JSON.stringify(draft));
  } catch {
    // Storage full or turned off: the draft stays on screen only, as a plain form would keep it.
  }
}

export function forgetValueDraft(indicatorId: string, year: string): void {
  try {
    localStorage.removeItem(storageKey(indicatorId, year));
  } catch {
    // Nothing kept, nothing to forget.
  }
}
