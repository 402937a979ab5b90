/**
 * The audit of an SOA as rows for people: each grouped entry (summariseHistory) with the member, their
 * partner and role named. `soa-relay history --json` prints these rows and GET /api/soas/<soaId>/history
 * answers them, so the app's timeline and the command read alike.
 */
import type { HistoryEntryRecord } from '../../shared/api/versions';
import type { MemberId, PartnerId } from '../../shared/model/ids';
import { isMemberRole, type MemberRole } from '../../shared/model/rooms';
import type { StoredChange } from '../db/storedHistory';
import { summariseHistory, type HistoryEntry } from './summariseHistory';

export interface HistorySource {
  readonly members: ReadonlyMap<
    MemberId,
    { readonly name: string; readonly partnerName: string; readonly role: string }
  >;
  readonly changes: readonly StoredChange[];
}

export interface NamedEntry {
  readonly entry: HistoryEntry;
  readonly row: HistoryEntryRecord;
}

/** Who made an entry, as people read it; the administrator and members since removed are said so. */
export function personOf(
  source: HistorySource,
  memberId: MemberId | null,
): { readonly name: string; readonly partnerName: string | null; readonly role: MemberRole | null } {
  const member = memberId === null ? undefined : source.members.get(memberId);
  if (member)
    return { name: member.name, partnerName: member.partnerName, role: isMemberRole(member.role) ? member.role : null };
  return {
    name: memberId === null ? 'The relay administrator' : 'A member no longer listed',
    partnerName: null,
    role: null,
  };
}

/** The grouped entries, oldest first, optionally one partner's room only. */
export function historyRows(source: HistorySource, partnerId?: PartnerId): NamedEntry[] {
  return namedRows(source, summariseHistory(source.changes), partnerId);
}

/** The rows of entries summarised already (the relay summarises on its worker thread, versionComparer.ts). */
export function namedRows(
  source: HistorySource,
  entries: readonly HistoryEntry[],
  partnerId?: PartnerId,
): NamedEntry[] {
  return entries
    .filter((entry) => partnerId === undefined || entry.partnerId === partnerId)
    .map((entry) => {
      const person = personOf(source, entry.memberId);
      return {
        entry,
        row: {
          from: new Date(entry.from).toISOString(),
          to: new Date(entry.to).toISOString(),
          changes: entry.changes,
          memberId: entry.memberId,
          memberName: person.name,
          partnerName: person.partnerName,
          role: person.role,
          room: entry.room,
          roomPartnerId: entry.partnerId,
          sections: [...entry.sections],
          sectionKeys: [...entry.sectionKeys],
        },
      };
    });
}
