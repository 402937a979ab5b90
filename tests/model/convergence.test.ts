/**
 * Seeded convergence fuzzing of the SOA model. A coordinator and six partners each hold a replica of every
 * room of one SOA and make random edits through the model's API (including deleting outcomes other rooms
 * refer to, concurrent reordering, rich-text edits and sign-offs). Updates travel over a simulated network
 * that delays, reorders, duplicates and drops them; a relay-like filter (the product's mayWrite) only
 * forwards writes, and reconnect diffs, from members who may write the room. Two rogue members (a second
 * officer of one partner and a reviewer) also write rooms they may not: the frame and other partners' rooms.
 * After a final full sync:
 *   - every honest replica of every room encodes to the same bytes;
 *   - no honest replica holds an item written by someone the ownership rule, as this test states it
 *     independently of mayWrite, forbids; so a broken mayWrite that let a rogue write through fails here;
 *   - the assembled snapshot is equal on every honest replica;
 *   - every dangling cross-room reference is reported as an orphan.
 * The seed is in each test's name; pin a failing one in REGRESSION_SEEDS. Besides the fixed seeds, each run
 * tries fresh random ones (printed; SOA_SEED repeats one).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  asId,
  assembleFromDocs,
  FrameDocument,
  frameRoom,
  mayWrite,
  parseRoomName,
  partnerRoom,
  PartnerDocument,
  paragraph,
  recordAgreement,
  type OutcomeId,
  type PartnerId,
  type RoomName,
  type SoaId,
  type WriterIdentity,
} from '../../shared/model';
import { getFramework, POLICY_PRIORITY_IDS } from '../../shared/reference';
import { createRng, type Rng } from '../support/random';

const SEED_COUNT = 200;
/** Seeds that once failed, kept as regression tests. */
const REGRESSION_SEEDS: readonly number[] = [];
/** Fresh seeds each run, beside the fixed ones; SOA_SEED runs that one seed instead. */
const FRESH_SEEDS: readonly number[] = process.env.SOA_SEED
  ? [Number(process.env.SOA_SEED) >>> 0]
  : Array.from({ length: 10 }, () => (Math.random() * 2 ** 32) >>> 0);
console.log(`[convergence] fresh seeds this run: ${FRESH_SEEDS.join(', ')} (repeat one with SOA_SEED=<seed>)`);
const STEPS = 60;

interface Actor {
  readonly index: number;
  readonly identity: WriterIdentity;
  /** This actor's replica of each room. */
  readonly replicas: Map<RoomName, Y.Doc>;
  /** A member who also tries to write rooms it may not. */
  readonly rogue: boolean;
}

interface InFlight {
  readonly room: RoomName;
  readonly from: number;
  readonly to: number;
  readonly update: Uint8Array;
  deliverAt: number;
}

const soaId = asId<SoaId>('fuzzsoa');
const partnerIds = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((id) => asId<PartnerId>(id));
const rooms: RoomName[] = [frameRoom(soaId), ...partnerIds.map((id) => partnerRoom(soaId, id))];
const framework = getFramework('npf-2011');

/**
 * Who may write each room, as the architecture states it: the coordinators write the frame; a partner's
 * members write that partner's room; nobody else writes anything. Written out here, not taken from mayWrite,
 * so that the checks below catch a broken rule instead of agreeing with it.
 */
function allowedBySpec(identity: WriterIdentity, room: RoomName): boolean {
  if (room === frameRoom(soaId)) return identity.role === 'coordinator';
  return identity.role === 'partner' && room === partnerRoom(soaId, identity.partnerId);
}

/** The relay's decision, from the product's rule. */
function relayAccepts(identity: WriterIdentity, room: RoomName): boolean {
  const parsed = parseRoomName(room);
  return parsed !== null && mayWrite(identity, parsed);
}

function runScenario(seed: number): void {
  const gen = createRng(seed);
  const actors: Actor[] = [
    { index: 0, identity: { role: 'coordinator', partnerId: partnerIds[0]! }, replicas: new Map(), rogue: false },
    ...partnerIds.map((partnerId, i) => ({
      index: i + 1,
      identity: { role: 'partner' as const, partnerId },
      replicas: new Map<RoomName, Y.Doc>(),
      rogue: false,
    })),
    // A second officer of partner 1, who also writes the frame and other partners' rooms, and a reviewer who writes anything.
    { index: 7, identity: { role: 'partner', partnerId: partnerIds[1]! }, replicas: new Map(), rogue: true },
    { index: 8, identity: { role: 'reviewer', partnerId: partnerIds[2]! }, replicas: new Map(), rogue: true },
  ];
  const network: InFlight[] = [];
  let clock = 0;
  /** Rooms each actor wrote against the rule ("actor|room"): its own replica of them keeps what it wrote. */
  const tampered = new Set<string>();
  let refused = 0;
  const honest = (actor: Actor, room: RoomName) => !tampered.has(`${actor.index}|${room}`);

  // The frame starts from one shared initial state, as when the relay creates an SOA.
  const origin = new Y.Doc();
  origin.clientID = 999_999;
  const originFrame = new FrameDocument(origin);
  originFrame.initialise({
    soaId,
    title: 'Fuzz SOA',
    area: 'Fuzz',
    partnershipName: 'Fuzz CPP',
    framework: 'npf-2011',
  });
  partnerIds.forEach((id, i) => originFrame.addPartner({ id, name: `Partner ${i}`, kind: 'other' }));
  const initialFrame = Y.encodeStateAsUpdate(origin);

  for (const actor of actors) {
    rooms.forEach((room, roomIndex) => {
      const doc = new Y.Doc();
      doc.clientID = 1 + actor.index * 100 + roomIndex; // distinct, so authorship is checkable
      if (roomIndex === 0) Y.applyUpdate(doc, initialFrame, 'remote');
      doc.on('update', (update: Uint8Array, txOrigin: unknown) => {
        if (txOrigin === 'remote') return;
        if (!allowedBySpec(actor.identity, room)) tampered.add(`${actor.index}|${room}`);
        // The relay forwards a write only when the sender may write the room.
        if (!relayAccepts(actor.identity, room)) {
          refused++;
          return;
        }
        for (const other of actors) {
          if (other.index === actor.index) continue;
          if (gen.int(0, 9) === 0) continue; // lost
          const copies = gen.int(0, 9) === 0 ? 2 : 1; // sometimes duplicated
          for (let c = 0; c < copies; c++) {
            network.push({
              room,
              from: actor.index,
              to: other.index,
              update,
              deliverAt: clock + gen.int(0, 8),
            });
          }
        }
      });
      actor.replicas.set(room, doc);
    });
  }
  // Partners initialise their own rooms.
  partnerIds.forEach((id, i) =>
    new PartnerDocument(actors[i + 1]!.replicas.get(partnerRoom(soaId, id))!).initialise(id),
  );

  const deliverDue = () => {
    // Deliver due messages in a random order (reordering).
    const due = network.filter((message) => message.deliverAt <= clock);
    for (let i = due.length - 1; i > 0; i--) {
      const j = gen.int(0, i);
      [due[i], due[j]] = [due[j]!, due[i]!];
    }
    for (const message of due) {
      network.splice(network.indexOf(message), 1);
      Y.applyUpdate(actors[message.to]!.replicas.get(message.room)!, message.update, 'remote');
    }
  };

  for (let step = 0; step < STEPS; step++) {
    clock++;
    const actor = gen.pick(actors);
    if (actor.rogue && gen.bool()) rogueEdit(gen, actor, gen.pick(rooms));
    else if (actor.identity.role === 'coordinator')
      coordinatorEdit(gen, new FrameDocument(actor.replicas.get(rooms[0]!)!));
    else if (actor.identity.role === 'partner')
      partnerEdit(gen, actor, new FrameDocument(actor.replicas.get(rooms[0]!)!));
    deliverDue();
    // Occasionally two replicas reconcile by state vectors, as a reconnect does.
    if (gen.int(0, 7) === 0) exchange(gen.pick(actors), gen.pick(actors), gen.pick(rooms));
  }

  // Every rogue tries at least once more, so each scenario exercises the filter.
  for (const actor of actors)
    if (actor.rogue) rogueEdit(gen, actor, gen.pick(rooms.filter((room) => !allowedBySpec(actor.identity, room))));
  deliverDue();
  expect(refused, `no write was refused (seed ${seed})`).toBeGreaterThan(0);

  // Heal: everyone reconciles with everyone (the relay's role), twice to pass on what was learnt.
  network.length = 0;
  for (let round = 0; round < 2; round++) {
    for (const room of rooms) for (const a of actors) for (const b of actors) if (a !== b) exchange(a, b, room);
  }

  // 1. Byte-identical honest replicas.
  for (const room of rooms) {
    const encodings = actors
      .filter((actor) => honest(actor, room))
      .map((actor) => Buffer.from(Y.encodeStateAsUpdate(actor.replicas.get(room)!)).toString('base64'));
    expect(new Set(encodings).size, `replicas of ${room} differ (seed ${seed})`).toBe(1);
  }

  // 2. No honest replica holds an item from someone the rule forbids to write the room.
  for (const room of rooms) {
    for (const actor of actors.filter((candidate) => honest(candidate, room))) {
      for (const clientId of Y.decodeStateVector(Y.encodeStateVector(actor.replicas.get(room)!)).keys()) {
        if (clientId === 999_999) continue; // the initial frame
        const author = actors[Math.floor((clientId - 1) / 100)]!;
        expect(
          allowedBySpec(author.identity, room),
          `client ${clientId} (${author.identity.role} ${author.identity.partnerId}) wrote ${room}, seen by actor ${actor.index} (seed ${seed})`,
        ).toBe(true);
      }
    }
  }

  // 3. The assembled snapshot is the same on every honest replica.
  const snapshots = actors
    .filter((actor) => rooms.every((room) => honest(actor, room)))
    .map((actor) =>
      assembleFromDocs(
        actor.replicas.get(rooms[0]!)!,
        new Map(partnerIds.map((id) => [id, actor.replicas.get(partnerRoom(soaId, id))!] as const)),
      ),
    );
  for (const snapshot of snapshots.slice(1)) expect(snapshot).toEqual(snapshots[0]);

  // 4. Every contribution to an outcome that no longer exists is reported as an orphan.
  const snapshot = snapshots[0]!;
  const outcomeIds = new Set(snapshot.outcomes.map((outcome) => outcome.id as string));
  for (const partnerId of partnerIds) {
    const partner = new PartnerDocument(actors[0]!.replicas.get(partnerRoom(soaId, partnerId))!);
    for (const outcomeId of partner.contributingOutcomeIds()) {
      if (outcomeIds.has(outcomeId)) continue;
      expect(
        snapshot.orphans.some(
          (orphan) =>
            orphan.kind === 'contribution-to-missing-outcome' &&
            orphan.partnerId === partnerId &&
            orphan.outcomeId === outcomeId,
        ),
        `dangling contribution not reported (seed ${seed})`,
      ).toBe(true);
    }
  }
}

/**
 * a and b reconcile one room through state vectors (sync step 1 and 2 both ways). As at the relay, a diff
 * (sync step 2) travels only from a member who may write the room; content written by the room's writers
 * still reaches everyone, because every writer reconciles with everyone when the network heals.
 */
function exchange(a: Actor, b: Actor, room: RoomName): void {
  if (a === b) return;
  const docA = a.replicas.get(room)!;
  const docB = b.replicas.get(room)!;
  const fromA = Y.encodeStateAsUpdate(docA, Y.encodeStateVector(docB));
  const fromB = Y.encodeStateAsUpdate(docB, Y.encodeStateVector(docA));
  if (relayAccepts(a.identity, room)) Y.applyUpdate(docB, fromA, 'remote');
  if (relayAccepts(b.identity, room)) Y.applyUpdate(docA, fromB, 'remote');
}

/** A write by a rogue to any room, through the model's API as a tampered client would make it. */
function rogueEdit(gen: Rng, actor: Actor, room: RoomName): void {
  const doc = actor.replicas.get(room)!;
  if (room === rooms[0]) {
    coordinatorEdit(gen, new FrameDocument(doc));
    // coordinatorEdit may find nothing to change (no outcomes yet); adding one always writes.
    new FrameDocument(doc).addOutcome({ title: `Rogue outcome ${gen.word(3, 8)}` });
    return;
  }
  const partner = new PartnerDocument(doc);
  const outcomes = new FrameDocument(actor.replicas.get(rooms[0]!)!).readOutcomes();
  if (outcomes.length > 0 && gen.bool())
    partner.addCommitment(gen.pick(outcomes).id, { action: `Rogue ${gen.word(3, 8)}` });
  else editRichText(gen, partner.statementFragment(), doc);
}

function coordinatorEdit(gen: Rng, frame: FrameDocument): void {
  const outcomes = frame.readOutcomes();
  const outcome = outcomes.length > 0 ? gen.pick(outcomes) : null;
  switch (gen.int(0, 11)) {
    case 0:
    case 1:
      frame.addOutcome(
        { title: `Outcome ${gen.word(3, 8)}`, leadPartnerId: gen.pick(partnerIds) },
        gen.int(0, outcomes.length),
      );
      return;
    case 2:
      if (outcome) frame.deleteOutcome(outcome.id);
      return;
    case 3:
      if (outcome) frame.moveOutcome(outcome.id, gen.int(0, outcomes.length));
      return;
    case 4:
      if (outcome) frame.updateOutcome(outcome.id, { title: gen.word(4, 12) });
      return;
    case 5:
      if (outcome)
        frame.addIndicator(outcome.id, {
          name: gen.word(4, 10),
          baselineValue: gen.int(0, 100),
          baselineYear: 2012,
        });
      return;
    case 6: {
      const indicators = frame.readIndicators();
      if (indicators.length === 0) return;
      const indicator = gen.pick(indicators);
      if (gen.bool()) frame.moveIndicator(indicator.id, gen.int(0, 5));
      else frame.deleteIndicator(indicator.id);
      return;
    }
    case 7:
      if (outcome) frame.setOutcomeNationalOutcome(outcome.id, gen.pick([...framework.outcomes]).id, gen.bool());
      return;
    case 8:
      if (outcome) frame.setOutcomePriority(outcome.id, gen.pick([...POLICY_PRIORITY_IDS]), gen.bool());
      return;
    case 9:
      if (outcome) frame.setDeliveringPartner(outcome.id, gen.pick(partnerIds), gen.bool());
      return;
    case 10: {
      const fragment = frame.narrativeFragment(gen.pick(['vision', 'understandingOfPlace'] as const));
      editRichText(gen, fragment, frame.doc);
      return;
    }
    default: {
      const fragment = outcome ? frame.outcomeTenYearFragment(outcome.id) : null;
      if (fragment) editRichText(gen, fragment, frame.doc);
    }
  }
}

function partnerEdit(gen: Rng, actor: Actor, frame: FrameDocument): void {
  const partnerId = actor.identity.partnerId;
  const partner = new PartnerDocument(actor.replicas.get(partnerRoom(soaId, partnerId))!);
  const known = frame.readOutcomes().map((outcome) => outcome.id);
  const contributing = partner.contributingOutcomeIds();
  const outcomeId: OutcomeId | null =
    known.length > 0 ? gen.pick(known) : contributing.length > 0 ? gen.pick(contributing) : null;
  switch (gen.int(0, 8)) {
    case 0:
      if (outcomeId) partner.addContribution(outcomeId);
      return;
    case 1:
    case 2:
      if (outcomeId) {
        partner.addContribution(outcomeId);
        editRichText(gen, partner.contributionFragment(outcomeId), partner.doc);
      }
      return;
    case 3:
      if (outcomeId)
        partner.addCommitment(outcomeId, {
          action: gen.word(5, 15),
          resourcePounds: gen.int(0, 50_000),
          preventative: gen.bool(),
        });
      return;
    case 4: {
      const commitments = partner.readCommitments();
      if (commitments.length === 0) return;
      const commitment = gen.pick(commitments);
      const choice = gen.int(0, 2);
      if (choice === 0) partner.moveCommitment(commitment.id, gen.int(0, 4));
      else if (choice === 1) partner.updateCommitment(commitment.id, { timescale: `by March ${gen.int(2014, 2023)}` });
      else partner.deleteCommitment(commitment.id);
      return;
    }
    case 5:
      recordAgreement(partner, frame.read(), partnerId, `Officer ${actor.index}`, 'Chief Executive', '2013-06-01');
      return;
    case 6:
      if (gen.bool()) partner.markReady(`Officer ${actor.index}`, '2013-05-01');
      else partner.returnToDraft('2013-05-02');
      return;
    case 7:
      if (contributing.length > 0) partner.removeContribution(gen.pick(contributing));
      return;
    default:
      editRichText(gen, partner.statementFragment(), partner.doc);
  }
}

/** A random rich-text edit: insert text somewhere, delete a little, or add a paragraph. */
function editRichText(gen: Rng, fragment: Y.XmlFragment, doc: Y.Doc): void {
  doc.transact(() => {
    const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
    const target = paragraphs.length > 0 ? gen.pick(paragraphs) : null;
    const text = target?.toArray().find((node): node is Y.XmlText => node instanceof Y.XmlText);
    const choice = gen.int(0, 3);
    if (!text || choice === 0) {
      const block = new Y.XmlElement('paragraph');
      const run = new Y.XmlText();
      run.insert(0, gen.word(3, 20), gen.bool() ? { bold: {} } : {});
      block.insert(0, [run]);
      fragment.insert(gen.int(0, fragment.length), [block]);
    } else if (choice === 1 && text.length > 2) {
      const start = gen.int(0, text.length - 2);
      text.delete(start, gen.int(1, Math.min(5, text.length - start)));
    } else {
      text.insert(gen.int(0, text.length), ` ${gen.word(2, 9)}`);
    }
  }, 'local');
}

describe('convergence of every room under random edits and a lossy network', () => {
  const seeds = [...REGRESSION_SEEDS, ...Array.from({ length: SEED_COUNT }, (_, i) => i + 1), ...FRESH_SEEDS];
  it.each(seeds)('converges with seed %i', (seed) => {
    try {
      runScenario(seed);
    } catch (error) {
      console.error(`Convergence failed with seed ${seed}; pin it in REGRESSION_SEEDS to reproduce.`);
      throw error;
    }
  });

  it('states the same ownership rule as the product, room by room, for every kind of member', () => {
    const members: WriterIdentity[] = [
      { role: 'coordinator', partnerId: partnerIds[0]! },
      { role: 'partner', partnerId: partnerIds[1]! },
      { role: 'reviewer', partnerId: partnerIds[2]! },
    ];
    for (const member of members)
      for (const room of rooms)
        expect(relayAccepts(member, room), `${member.role} ${member.partnerId} on ${room}`).toBe(
          allowedBySpec(member, room),
        );
  });

  it('keeps paragraphs written by two replicas at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const outcome = asId<OutcomeId>('o1');
    new PartnerDocument(a).setContributionStatement(outcome, [paragraph('From the first officer.')]);
    new PartnerDocument(b).setContributionStatement(outcome, [paragraph('From the second officer.')]);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    const text = new PartnerDocument(a).read().contributions[0]!.statement;
    // Both officers' text survives: the contribution is a root-level type, so neither replaced the other.
    expect(JSON.stringify(text)).toContain('From the second officer.');
  });
});
