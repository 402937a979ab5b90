/**
 * The relay's directory: partnerships, their partners, SOAs and members. Administration writes it (the CLI);
 * the relay reads it to authenticate connections, to decide which rooms a member may open, and to answer
 * GET /api/session. Partner ids are the same ids the SOA frames use.
 */
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import type { SessionResponse } from '../../shared/api/session';
import { FrameDocument } from '../../shared/model/frame';
import {
  asId,
  isWellFormedId,
  newId,
  type MemberId,
  type PartnerId,
  type PartnershipId,
  type SoaId,
} from '../../shared/model/ids';
import {
  commentRoomsOfSoa,
  commentsRoom,
  frameRoom,
  isMemberRole,
  partnerRoom,
  MEMBER_ROLES,
  roomsOfSoa,
  type MemberRole,
  type ParsedRoom,
  type RoomName,
} from '../../shared/model/rooms';
import {
  FRAMEWORK_IDS,
  isFrameworkId,
  isPartnerKind,
  PARTNER_KINDS,
  type FrameworkId,
  type PartnerKind,
} from '../../shared/reference';
import { InputError } from '../inputError';
import { loadOrCreateRelayKey, type RelayKey } from '../bundle/relayKey';
import type { RoomStore } from '../storage/roomStore';
import { SqliteRoomStore } from '../storage/sqliteRoomStore';
import { hashToken, newToken } from '../tokens';
import { DerivedStore } from './derivedStore';
import { readStoredHistory, type StoredChange } from './storedHistory';
import { comparisonInput, compareVersion, type ComparisonInput, type VersionComparison } from './versionComparison';
import { SoaVersions } from './versions';

/** A member as the relay knows them, after their token has been checked. */
export interface AuthenticatedMember {
  readonly id: MemberId;
  readonly name: string;
  readonly role: MemberRole;
  readonly partnerId: PartnerId;
  readonly partnerName: string;
  readonly partnershipId: PartnershipId;
}

export type TokenCheck =
  | { readonly kind: 'member'; readonly member: AuthenticatedMember }
  | { readonly kind: 'revoked' }
  | { readonly kind: 'unknown' };

export interface PartnerRecord {
  readonly id: PartnerId;
  readonly name: string;
  readonly kind: PartnerKind;
}

export interface MemberListing {
  readonly memberId: MemberId;
  readonly name: string;
  readonly role: MemberRole;
  readonly partnerId: PartnerId;
  readonly partnerName: string;
  readonly revoked: boolean;
  readonly createdAt: string;
}

interface MemberRow {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly partner_id: string;
  readonly partner_name: string;
  readonly partnership_id: string;
  readonly revoked_at: number | null;
}

const MAX_NAME = 200;

function cleanName(value: string | undefined, what: string): string {
  const name = (value ?? '').trim();
  if (!name) throw new InputError(`${what} is empty; give it a name.`);
  if (name.length > MAX_NAME) throw new InputError(`${what} is longer than ${MAX_NAME} characters; shorten it.`);
  return name;
}

function cleanId(value: string | undefined, what: string): string {
  if (!isWellFormedId(value)) throw new InputError(`${JSON.stringify(value ?? '')} is not a valid ${what} id.`);
  return value;
}

export class Directory {
  /**
   * Statements compiled once each: better-sqlite3 compiles a statement anew on every prepare (6-12 µs for the
   * token query, 3-6 times the query itself), and the relay checks a token and a room on every connection.
   */
  private readonly statements = new Map<string, Database.Statement>();
  /** PRAGMA data_version when last asked; null before the first time. */
  private dataVersion: number | null = null;
  private key: RelayKey | null = null;

  /**
   * The rooms' stored updates are read and written only through the room store (never its table), so the
   * storage contract (tests/relay/storageContract.ts) covers the directory's reads and writes too.
   */
  constructor(
    private readonly db: Database.Database,
    readonly rooms: RoomStore = new SqliteRoomStore(db),
  ) {}

  /**
   * True when another connection (another process, such as the admin CLI) has committed to the database
   * since the last call, and on the first call. SQLite keeps the counter in memory, so this is cheap.
   */
  /** The relay's own signing key (server/bundle/relayKey.ts), made and stored on first use. */
  relayKey(): RelayKey {
    this.key ??= loadOrCreateRelayKey(this.db);
    return this.key;
  }

  /** The statement for this SQL, compiled on first use (see statements). */
  private statement<Params extends unknown[] | object = unknown[], Row = unknown>(
    sql: string,
  ): Params extends unknown[] ? Database.Statement<Params, Row> : Database.Statement<[Params], Row> {
    let compiled = this.statements.get(sql);
    if (!compiled) this.statements.set(sql, (compiled = this.db.prepare(sql)));
    return compiled as unknown as Params extends unknown[]
      ? Database.Statement<Params, Row>
      : Database.Statement<[Params], Row>;
  }

  changedElsewhere(): boolean {
    const version = Number(this.db.pragma('data_version', { simple: true }));
    const changed = version !== this.dataVersion;
    this.dataVersion = version;
    return changed;
  }

  createPartnership(nameInput: string | undefined): PartnershipId {
    const name = cleanName(nameInput, 'The partnership name');
    const id = newId<PartnershipId>();
    this.statement('INSERT INTO partnerships (id, name, created_at) VALUES (?, ?, ?)').run(id, name, Date.now());
    return id;
  }

  /** Adds a partner and writes it into the frame of every SOA of the partnership, in one transaction. */
  addPartner(
    partnershipInput: string | undefined,
    nameInput: string | undefined,
    kindInput: string | undefined,
    id: PartnerId = newId<PartnerId>(),
  ): PartnerId {
    const partnershipId = this.requirePartnership(partnershipInput);
    const name = cleanName(nameInput, 'The partner name');
    if (!isPartnerKind(kindInput))
      throw new InputError(
        `Unknown partner kind ${JSON.stringify(kindInput ?? '')}; use one of: ${PARTNER_KINDS.join(', ')}.`,
      );
    const kind = kindInput;
    this.db.transaction(() => {
      this.statement('INSERT INTO partners (id, partnership_id, name, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(
        id,
        partnershipId,
        name,
        kind,
        Date.now(),
      );
      for (const soaId of this.soaIdsOf(partnershipId)) {
        this.writeFrame(soaId, (frame) => {
          if (!frame.readPartners().some((partner) => partner.id === id)) frame.addPartner({ id, name, kind });
        });
      }
    })();
    return id;
  }

  /**
   * Creates an SOA: its directory row and its frame's first stored update (the administrator's), holding
   * the title, framework and the partnership's partners. Partner rooms start empty: each partner's client
   * initialises its own. `frameUpdate` stores ready-made frame content instead (the demo's sample).
   */
  createSoa(options: {
    readonly partnership: string | undefined;
    readonly title: string | undefined;
    readonly framework: string | undefined;
    readonly area?: string | undefined;
    readonly soaId?: SoaId;
    readonly frameUpdate?: Uint8Array;
  }): { soaId: SoaId; rooms: RoomName[] } {
    const partnershipId = this.requirePartnership(options.partnership);
    const title = cleanName(options.title, 'The SOA title');
    if (!isFrameworkId(options.framework))
      throw new InputError(
        `Unknown framework ${JSON.stringify(options.framework ?? '')}; use one of: ${FRAMEWORK_IDS.join(', ')}.`,
      );
    const framework: FrameworkId = options.framework;
    const partnershipName = this.partnershipName(partnershipId);
    const area = options.area === undefined ? partnershipName : cleanName(options.area, 'The area');
    const soaId = options.soaId ?? newId<SoaId>();
    const partners = this.partnersOf(partnershipId);
    this.db.transaction(() => {
      this.statement('INSERT INTO soas (id, partnership_id, title, framework, created_at) VALUES (?, ?, ?, ?, ?)').run(
        soaId,
        partnershipId,
        title,
        framework,
        Date.now(),
      );
      if (options.frameUpdate) this.storeAdminUpdate(frameRoom(soaId), options.frameUpdate);
      else {
        this.writeFrame(soaId, (frame) => {
          frame.initialise({ soaId, title, area, partnershipName, framework });
          for (const partner of partners) frame.addPartner(partner);
        });
      }
    })();
    return {
      soaId,
      rooms: roomsOfSoa(
        soaId,
        partners.map((partner) => partner.id),
      ),
    };
  }

  /** Stores a ready-made document as a room's first update (the demo's sample content), by the administrator. */
  storeAdminUpdate(room: RoomName, update: Uint8Array): void {
    this.rooms.appendNow(room, update, null);
  }

  inviteMember(
    partnerInput: string | undefined,
    roleInput: string | undefined,
    nameInput: string | undefined,
  ): { memberId: MemberId; token: string } {
    const partnerId = cleanId(partnerInput, 'partner');
    if (!this.statement('SELECT 1 FROM partners WHERE id = ?').get(partnerId))
      throw new InputError(`No partner with id ${partnerId}; list them with "soa-relay member list".`);
    if (!isMemberRole(roleInput))
      throw new InputError(`Unknown role ${JSON.stringify(roleInput ?? '')}; use one of: ${MEMBER_ROLES.join(', ')}.`);
    const name = cleanName(nameInput, "The member's name");
    const memberId = newId<MemberId>();
    const token = newToken();
    this.statement(
      'INSERT INTO members (id, partner_id, name, role, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(memberId, partnerId, name, roleInput, hashToken(token), Date.now());
    return { memberId, token };
  }

  revokeMember(memberInput: string | undefined): void {
    const memberId = cleanId(memberInput, 'member');
    const result = this.statement('UPDATE members SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(
      Date.now(),
      memberId,
    );
    if (result.changes === 0) {
      const exists = this.statement('SELECT 1 FROM members WHERE id = ?').get(memberId);
      throw new InputError(exists ? `Member ${memberId} is already revoked.` : `No member with id ${memberId}.`);
    }
  }

  listMembers(partnershipInput: string | undefined): MemberListing[] {
    const partnershipId = this.requirePartnership(partnershipInput);
    const rows = this.statement<
      [string],
      {
        id: string;
        name: string;
        role: string;
        partner_id: string;
        partner_name: string;
        revoked_at: number | null;
        created_at: number;
      }
    >(
      `SELECT m.id, m.name, m.role, m.partner_id, p.name AS partner_name, m.revoked_at, m.created_at
         FROM members m JOIN partners p ON p.id = m.partner_id WHERE p.partnership_id = ? ORDER BY p.name, m.name`,
    ).all(partnershipId);
    return rows.map((row) => ({
      memberId: asId<MemberId>(row.id),
      name: row.name,
      role: isMemberRole(row.role) ? row.role : 'reviewer',
      partnerId: asId<PartnerId>(row.partner_id),
      partnerName: row.partner_name,
      revoked: row.revoked_at !== null,
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  checkToken(token: string): TokenCheck {
    const row = this.statement<[string], MemberRow>(
      `SELECT m.id, m.name, m.role, m.partner_id, p.name AS partner_name, p.partnership_id, m.revoked_at
         FROM members m JOIN partners p ON p.id = m.partner_id WHERE m.token_hash = ?`,
    ).get(hashToken(token));
    if (!row) return { kind: 'unknown' };
    if (row.revoked_at !== null) return { kind: 'revoked' };
    // A row that fails these checks was not written by this relay: treat it as unknown rather than trust it.
    if (
      !isMemberRole(row.role) ||
      !isWellFormedId(row.id) ||
      !isWellFormedId(row.partner_id) ||
      !isWellFormedId(row.partnership_id)
    )
      return { kind: 'unknown' };
    return {
      kind: 'member',
      member: {
        id: row.id as MemberId,
        name: row.name,
        role: row.role,
        partnerId: row.partner_id as PartnerId,
        partnerName: row.partner_name,
        partnershipId: row.partnership_id as PartnershipId,
      },
    };
  }

  /**
   * A member as a change file names them (by id, not token): who they are, whether revoked, and the hash of
   * their token, which keys the file's MAC (shared/bundle/FORMAT.md). Null for an unknown member.
   */
  memberById(
    memberId: MemberId,
  ): { readonly member: AuthenticatedMember; readonly tokenHash: string; readonly revoked: boolean } | null {
    const row = this.statement<[string], MemberRow & { readonly token_hash: string }>(
      `SELECT m.id, m.name, m.role, m.partner_id, p.name AS partner_name, p.partnership_id, m.revoked_at, m.token_hash
         FROM members m JOIN partners p ON p.id = m.partner_id WHERE m.id = ?`,
    ).get(memberId);
    if (!row || !isMemberRole(row.role) || !isWellFormedId(row.partner_id) || !isWellFormedId(row.partnership_id))
      return null;
    const member: AuthenticatedMember = {
      id: row.id as MemberId,
      name: row.name,
      role: row.role,
      partnerId: row.partner_id as PartnerId,
      partnerName: row.partner_name,
      partnershipId: row.partnership_id as PartnershipId,
    };
    return { member, tokenHash: row.token_hash, revoked: row.revoked_at !== null };
  }

  /** Members revoked at or after a time (the relay polls this to disconnect them). */
  revokedSince(time: number): { readonly memberId: MemberId; readonly revokedAt: number }[] {
    return this.statement<[number], { id: string; revoked_at: number }>(
      'SELECT id, revoked_at FROM members WHERE revoked_at >= ?',
    )
      .all(time)
      .map((row) => ({ memberId: row.id as MemberId, revokedAt: row.revoked_at }));
  }

  /** May this member open this room: is it a room of an SOA of their own partnership? */
  mayOpen(member: AuthenticatedMember, room: ParsedRoom): boolean {
    const soa = this.statement<[string], { partnership_id: string }>(
      'SELECT partnership_id FROM soas WHERE id = ?',
    ).get(room.soaId);
    if (!soa || soa.partnership_id !== member.partnershipId) return false;
    if (room.kind === 'frame') return true;
    if (room.kind === 'comments') return this.partnershipOfMember(room.memberId) === member.partnershipId;
    const partner = this.statement<[string], { partnership_id: string }>(
      'SELECT partnership_id FROM partners WHERE id = ?',
    ).get(room.partnerId);
    return partner?.partnership_id === member.partnershipId;
  }

  session(member: AuthenticatedMember): SessionResponse {
    const partners = this.partnersOf(member.partnershipId);
    const soas = this.statement<[string], { id: string; title: string; framework: string }>(
      'SELECT id, title, framework FROM soas WHERE partnership_id = ? ORDER BY created_at, rowid',
    )
      .all(member.partnershipId)
      .filter((row): row is { id: string; title: string; framework: FrameworkId } => isFrameworkId(row.framework));
    const members = this.membersOf(member.partnershipId);
    const memberIds = members.map((entry) => entry.id);
    return {
      member: { id: member.id, name: member.name, role: member.role, partnerId: member.partnerId },
      partnership: { id: member.partnershipId, name: this.partnershipName(member.partnershipId), partners, members },
      soas: soas.map((soa) => ({
        id: soa.id,
        title: soa.title,
        framework: soa.framework,
        rooms: roomsOfSoa(
          soa.id as SoaId,
          partners.map((partner) => partner.id),
        ),
        commentRooms: commentRoomsOfSoa(soa.id as SoaId, memberIds),
      })),
      relayKey: this.relayKey().publicKeyBase64,
    };
  }

  /** A room's stored content as a document (for export and admin writes; the relay itself uses its RoomStore). */
  readRoom(room: RoomName): Y.Doc {
    const doc = new Y.Doc();
    for (const update of this.rooms.loadNow(room).updates) Y.applyUpdate(doc, update);
    return doc;
  }

  /** The rooms of one SOA, read from the database: its frame and every partner room of its partnership. */
  readSoaRooms(soaInput: string | undefined): {
    readonly soaId: SoaId;
    readonly frame: Y.Doc;
    readonly partnerDocs: Map<PartnerId, Y.Doc>;
  } {
    const soaId = cleanId(soaInput, 'SOA') as SoaId;
    const soa = this.statement<[string], { partnership_id: string }>(
      'SELECT partnership_id FROM soas WHERE id = ?',
    ).get(soaId);
    if (!soa)
      throw new InputError(
        `No SOA with id ${soaId}. "soa-relay member list" and the app show the SOAs of a partnership.`,
      );
    const partnerDocs = new Map<PartnerId, Y.Doc>();
    for (const partner of this.partnersOf(soa.partnership_id as PartnershipId)) {
      partnerDocs.set(partner.id, this.readRoom(partnerRoom(soaId, partner.id)));
    }
    return { soaId, frame: this.readRoom(frameRoom(soaId)), partnerDocs };
  }

  /** Every room of an SOA by name (frame, partners, each member's comments), for a latest file. */
  soaRoomNames(soaInput: string | undefined): { readonly soaId: SoaId; readonly rooms: RoomName[] } {
    const soaId = cleanId(soaInput, 'SOA') as SoaId;
    const soa = this.statement<[string], { partnership_id: string }>(
      'SELECT partnership_id FROM soas WHERE id = ?',
    ).get(soaId);
    if (!soa)
      throw new InputError(
        `No SOA with id ${soaId}. "soa-relay member list" and the app show the SOAs of a partnership.`,
      );
    const partnershipId = soa.partnership_id as PartnershipId;
    const partners = this.partnersOf(partnershipId).map((partner) => partner.id);
    const members = this.membersOf(partnershipId).map((member) => member.id);
    return { soaId, rooms: [...roomsOfSoa(soaId, partners), ...commentRoomsOfSoa(soaId, members)] };
  }

  /** An SOA's comment rooms, one per member of its partnership, and the members who write them (issue 15). */
  readSoaComments(soaInput: string | undefined): {
    readonly rooms: [MemberId, Y.Doc][];
    readonly members: { id: MemberId; name: string; partnerId: PartnerId; role: MemberRole }[];
  } {
    const soaId = cleanId(soaInput, 'SOA') as SoaId;
    const soa = this.statement<[string], { partnership_id: string }>(
      'SELECT partnership_id FROM soas WHERE id = ?',
    ).get(soaId);
    if (!soa)
      throw new InputError(
        `No SOA with id ${soaId}. "soa-relay member list" and the app show the SOAs of a partnership.`,
      );
    const members = this.membersOf(soa.partnership_id as PartnershipId);
    return { rooms: members.map((member) => [member.id, this.readRoom(commentsRoom(soaId, member.id))]), members };
  }

  /** Every stored change to an SOA's rooms with who sent it (see storedHistory.ts), and the people named. */
  readSoaHistory(soaInput: string | undefined): {
    readonly soaId: SoaId;
    readonly title: string;
    readonly partners: PartnerRecord[];
    readonly members: Map<MemberId, { readonly name: string; readonly partnerName: string; readonly role: string }>;
    readonly changes: StoredChange[];
  } {
    const soaId = cleanId(soaInput, 'SOA') as SoaId;
    const soa = this.statement<[string], { partnership_id: string; title: string }>(
      'SELECT partnership_id, title FROM soas WHERE id = ?',
    ).get(soaId);
    if (!soa)
      throw new InputError(
        `No SOA with id ${soaId}. "soa-relay member list" and the app show the SOAs of a partnership.`,
      );
    const partnershipId = soa.partnership_id as PartnershipId;
    const partners = this.partnersOf(partnershipId);
    const members = new Map(
      this.statement<[string], { id: string; name: string; role: string; partner_name: string }>(
        'SELECT members.id, members.name, members.role, partners.name AS partner_name FROM members JOIN partners ON partners.id = members.partner_id WHERE partners.partnership_id = ?',
      )
        .all(partnershipId)
        .map((row) => [row.id as MemberId, { name: row.name, partnerName: row.partner_name, role: row.role }] as const),
    );
    const rooms = [frameRoom(soaId), ...partners.map((partner) => partnerRoom(soaId, partner.id))];
    return { soaId, title: soa.title, partners, members, changes: readStoredHistory(this.db, rooms) };
  }

  /** The SOAs' named versions (versions.ts), on the same database. */
  versions(): SoaVersions {
    return new SoaVersions(this.db);
  }

  /** What the tracked-changes export keeps of its work on a version (derivedStore.ts). */
  derived(): DerivedStore {
    return new DerivedStore(this.db);
  }

  /** What changed since a named version, or between two (versionComparison.ts). */
  compareVersion(soaInput: string | undefined, fromInput: string | undefined, toInput?: string): VersionComparison {
    return compareVersion(this.db, soaInput, fromInput, toInput);
  }

  /**
   * What a comparison reads from the database, for the relay to compare off its event loop (versionComparer.ts);
   * with `since`, only the changes stored after it.
   */
  comparisonInput(
    soaInput: string | undefined,
    fromInput: string | undefined,
    toInput?: string,
    since?: number,
  ): ComparisonInput {
    return comparisonInput(this.db, soaInput, fromInput, toInput, since);
  }

  partnersOf(partnershipId: PartnershipId): PartnerRecord[] {
    return this.statement<[string], { id: string; name: string; kind: string }>(
      'SELECT id, name, kind FROM partners WHERE partnership_id = ? ORDER BY created_at, rowid',
    )
      .all(partnershipId)
      .map((row) => ({ id: row.id as PartnerId, name: row.name, kind: isPartnerKind(row.kind) ? row.kind : 'other' }));
  }

  /** Every member of a partnership, revoked ones too: their comments stay readable under their names. */
  membersOf(partnershipId: PartnershipId): { id: MemberId; name: string; partnerId: PartnerId; role: MemberRole }[] {
    return this.statement<[string], { id: string; name: string; partner_id: string; role: string }>(
      'SELECT m.id, m.name, m.partner_id, m.role FROM members m JOIN partners p ON p.id = m.partner_id WHERE p.partnership_id = ? ORDER BY m.created_at, m.rowid',
    )
      .all(partnershipId)
      .filter((row) => isWellFormedId(row.id) && isWellFormedId(row.partner_id))
      .map((row) => ({
        id: row.id as MemberId,
        name: row.name,
        partnerId: row.partner_id as PartnerId,
        role: isMemberRole(row.role) ? row.role : 'reviewer',
      }));
  }

  private partnershipOfMember(memberId: MemberId): string | undefined {
    return this.statement<[string], { partnership_id: string }>(
      'SELECT p.partnership_id FROM members m JOIN partners p ON p.id = m.partner_id WHERE m.id = ?',
    ).get(memberId)?.partnership_id;
  }

  private soaIdsOf(partnershipId: PartnershipId): SoaId[] {
    return this.statement<[string], { id: string }>('SELECT id FROM soas WHERE partnership_id = ?')
      .all(partnershipId)
      .map((row) => row.id as SoaId);
  }

  private partnershipName(partnershipId: PartnershipId): string {
    return (
      this.statement<[string], { name: string }>('SELECT name FROM partnerships WHERE id = ?').get(partnershipId)
        ?.name ?? ''
    );
  }

  private requirePartnership(value: string | undefined): PartnershipId {
    const id = cleanId(value, 'partnership');
    if (!this.statement('SELECT 1 FROM partnerships WHERE id = ?').get(id))
      throw new InputError(`No partnership with id ${id}.`);
    return id as PartnershipId;
  }

  /** Applies a change to an SOA's frame as stored, and appends the resulting update as the administrator's. */
  private writeFrame(soaId: SoaId, change: (frame: FrameDocument) => void): void {
    const room = frameRoom(soaId);
    const doc = this.readRoom(room);
    const before = Y.encodeStateVector(doc);
    change(new FrameDocument(doc));
    const update = Y.encodeStateAsUpdate(doc, before);
    doc.destroy();
    this.storeAdminUpdate(room, update);
  }
}
