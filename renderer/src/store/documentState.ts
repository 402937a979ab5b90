/**
 * The SOA as React reads it: a plain snapshot reassembled automatically whenever any room changes, so code
 * that writes never has to ask for a refresh. A typed model write (origin 'local') shows at once, in a
 * microtask; typing in a rich-text editor and remote changes are reassembled when the browser is idle, so a
 * keystroke never waits for the whole SOA.
 */
import {
  assembleSoa,
  checkCompleteness,
  FrameDocument,
  ORIGIN_LOCAL,
  readPartnerRooms,
  type CompletenessReport,
  type FrameContent,
  type PartnerContent,
  type PartnerId,
  type SoaSnapshot,
} from '../../../shared/model';
import { todayIso } from '../../../shared/text/dates';
import type { RoomSet } from './roomSet';
import { isTypingWrite } from './typingScope';

export interface DocumentState {
  readonly version: number;
  /** False until the frame's local copy (and the relay, for a new member with no copy) has content. */
  readonly ready: boolean;
  readonly frame: FrameContent;
  readonly partners: ReadonlyMap<PartnerId, PartnerContent>;
  readonly soa: SoaSnapshot;
  readonly completeness: CompletenessReport;
}

type Listener = () => void;

function compute(rooms: RoomSet, version: number): DocumentState {
  const frame = new FrameDocument(rooms.frameRoom.doc).read();
  // One room that cannot be read is marked in the snapshot; it never stops the others (issue 13).
  const { contents: partners, unreadable } = readPartnerRooms(
    [...rooms.partnerEntries()].map(([partnerId, room]) => [partnerId, room.doc] as const),
  );
  const soa = assembleSoa(frame, partners, unreadable);
  const completeness = checkCompleteness(soa, todayIso());
  return { version, ready: frame.schemaVersion > 0, frame, partners, soa, completeness };
}

export class DocumentRecompute {
  private state: DocumentState;
  private readonly listeners = new Set<Listener>();
  private urgentScheduled = false;
  private idleScheduled = false;
  private stopped = false;

  constructor(private readonly rooms: RoomSet) {
    this.state = compute(rooms, 0);
  }

  /** Called for every document update in any room. */
  readonly onDocUpdate = (origin: unknown): void => {
    // A discrete model write (a checkbox, a choice) shows at once. A keystroke (a Y.Text field, or a figure
    // written on every change inside writeAsTyping) waits for the browser to be idle, so typing never pays
    // for reassembling the whole SOA (bench/field-typing.ts), and an update from elsewhere does the same.
    this.schedule(origin === ORIGIN_LOCAL && !isTypingWrite());
  };

  schedule(urgent = false): void {
    if (this.stopped) return;
    if (urgent) {
      if (this.urgentScheduled) return;
      this.urgentScheduled = true;
      queueMicrotask(() => {
        this.urgentScheduled = false;
        this.run();
      });
      return;
    }
    if (this.idleScheduled) return;
    this.idleScheduled = true;
    const run = () => {
      this.idleScheduled = false;
      this.run();
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 300 });
    else setTimeout(run, 50);
  }

  private run(): void {
    if (this.stopped) return;
    this.rooms.ensurePartnerRooms();
    this.publish();
  }

  private publish(): DocumentState {
    this.state = compute(this.rooms, this.state.version + 1);
    for (const listener of this.listeners) listener();
    return this.state;
  }

  /** Reassembles now, for a reader that needs the latest content this instant (the Word export). */
  readNow(): DocumentState {
    return this.publish();
  }

  readonly get = (): DocumentState => this.state;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  stop(): void {
    this.stopped = true;
    this.listeners.clear();
  }
}
