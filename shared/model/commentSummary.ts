/**
 * Where the review work is: open threads counted per section (the outline), per owner and per outcome (the
 * coordinator's dashboard), and the threads a partner should answer (its home page).
 */
import type { OutcomeId, PartnerId } from './ids';
import type { SoaSnapshot } from './assemble';
import type { CommentSection } from './commentRecords';
import { commentSectionKey, type CommentThread } from './commentThreads';
import { NARRATIVE_TITLES } from './frame';

export interface OpenCommentCounts {
  readonly total: number;
  /** By the outline's section key (commentSectionKey). */
  readonly bySection: ReadonlyMap<string, number>;
  /** Open threads on each partner's sections. */
  readonly byPartner: ReadonlyMap<PartnerId, number>;
  /** Open threads on the coordinators' (frame) sections. */
  readonly coordinators: number;
  readonly byOutcome: ReadonlyMap<OutcomeId, number>;
}

const add = <K>(map: Map<K, number>, key: K): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

export function openCommentCounts(threads: readonly CommentThread[]): OpenCommentCounts {
  const bySection = new Map<string, number>();
  const byPartner = new Map<PartnerId, number>();
  const byOutcome = new Map<OutcomeId, number>();
  let total = 0;
  let coordinators = 0;
  for (const thread of threads) {
    if (thread.state !== 'open') continue;
    total++;
    add(bySection, commentSectionKey(thread.section));
    if (thread.owner.kind === 'partner') add(byPartner, thread.owner.partnerId);
    else coordinators++;
    if (thread.outcomeId) add(byOutcome, thread.outcomeId);
  }
  return { total, bySection, byPartner, coordinators, byOutcome };
}

/** Open threads on a partner's sections or mentioning the partner: what its officers should answer. */
export function openThreadsForPartner(threads: readonly CommentThread[], partnerId: PartnerId): CommentThread[] {
  return threads.filter(
    (thread) =>
      thread.state === 'open' &&
      ((thread.owner.kind === 'partner' && thread.owner.partnerId === partnerId) ||
        thread.mentions.includes(partnerId)),
  );
}

/** A section's name as officers know it: "Outcome 2: ...", "Our place", the partner's name. */
export function commentSectionTitle(section: CommentSection, soa: SoaSnapshot): string {
  switch (section.kind) {
    case 'details':
      return 'SOA details and partners';
    case 'narrative':
      return NARRATIVE_TITLES[section.key];
    case 'outcome': {
      const outcome = soa.outcomes.find((candidate) => candidate.id === section.outcomeId);
      return outcome ? `Outcome ${outcome.number}: ${outcome.title || 'Untitled'}` : 'A deleted local outcome';
    }
    case 'partner':
      return soa.partners.find((candidate) => candidate.id === section.partnerId)?.name ?? 'A removed partner';
  }
}
