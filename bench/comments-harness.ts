/**
 * Browser side of bench/comments-open.ts: seeds the sample SOA into IndexedDB as a partnership SOA (a relay
 * entry with a session, never connected) with or without 1,000 comments in its members' comment rooms, and
 * opens it to an editable screen, then waits for every comment to be read.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
  commentRoomsOfSoa,
  CommentsDocument,
  readCommentRecords,
  roomsOfSoa,
  type MemberId,
  type PartnerId,
  type SoaId,
} from '../shared/model';
import type { SessionResponse } from '../shared/api/session';
import { generateSampleSoa } from '../shared/sample/generateSample';
import { Workspace } from '../renderer/src/store/workspace';
import { openWorkspace } from '../renderer/src/store/open';
import { mountWorkspace } from '../renderer/src/mount';
import type { WorkspaceEntry } from '../renderer/src/store/catalogue';
import { AckTracker } from '../renderer/src/sync/ackTracker';
import { writeSampleComments } from './lib/sampleComments';
import '../renderer/src/styles/app.css';

const ROUTE = '#/narrative/understandingOfPlace';
const sample = generateSampleSoa({ seed: 2013 });
const soaId = sample.soaId as SoaId;
const members = Array.from({ length: 10 }, (_, index) => ({
  id: `benchmember${index}` as MemberId,
  name: `Member ${index}`,
  partnerId: sample.partners[index % sample.partners.length]!.id as PartnerId,
  role: index === 0 ? ('coordinator' as const) : index === 9 ? ('reviewer' as const) : ('partner' as const),
}));
const session: SessionResponse = {
  member: { id: members[0]!.id, name: members[0]!.name, role: 'coordinator', partnerId: members[0]!.partnerId },
  partnership: {
    id: 'benchpartnership',
    name: 'Bench partnership',
    partners: sample.partners.map((partner) => ({ id: partner.id, name: partner.name, kind: partner.kind })),
    members,
  },
  soas: [
    {
      id: soaId,
      title: sample.title,
      framework: 'npf-2011',
      rooms: roomsOfSoa(
        soaId,
        sample.partners.map((partner) => partner.id as PartnerId),
      ),
      commentRooms: commentRoomsOfSoa(
        soaId,
        members.map((member) => member.id),
      ),
    },
  ],
};

/** Each case has its own relay address, so its own IndexedDB databases. */
function entry(scope: string): WorkspaceEntry {
  return {
    soaId,
    kind: 'relay',
    title: sample.title,
    relayUrl: `http://${scope}.bench.invalid`,
    session,
    openedAt: new Date().toISOString(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const bench = {
  async seed(scope: string, comments: number): Promise<{ open: number }> {
    const workspace = new Workspace(entry(scope), Workspace.identityFromSession(session));
    await workspace.whenLoaded();
    workspace.loadContent(
      Y.encodeStateAsUpdate(sample.frame),
      new Map([...sample.partnerDocs].map(([id, doc]) => [id, Y.encodeStateAsUpdate(doc)])),
    );
    await workspace.whenLoaded();
    while (workspace.hasUnsavedLocalChanges) await settle();
    workspace.dispose();
    // Each member's comments written in memory, then stored as the app keeps a comment room: y-indexeddb
    // writes the whole document in the transaction that opens the store (so nothing is still on its way when
    // the store is closed, which lost comments on a loaded machine when they were written one by one).
    const stores = members.map((member) => ({
      memberId: member.id,
      doc: new Y.Doc(),
      name: `soa-studio:${scope}.bench.invalid:${commentRoomsOfSoa(soaId, [member.id])[0]!}`,
    }));
    writeSampleComments(
      stores.map((store) => ({ memberId: store.memberId, comments: new CommentsDocument(store.doc) })),
      sample.frame,
      sample.partnerDocs,
      comments,
    );
    for (const store of stores) {
      const persistence = new IndexeddbPersistence(store.name, store.doc);
      await persistence.whenSynced;
      await persistence.destroy();
      // As on a computer that has had the comment rooms from the relay before: the counts are known.
      const tracker = new AckTracker(`${store.name}:pending`);
      tracker.noteSynced(Date.now());
      tracker.flush();
    }
    // Read back: every comment is stored.
    let stored = 0;
    for (const store of stores) {
      const doc = new Y.Doc();
      const persistence = new IndexeddbPersistence(store.name, doc);
      await persistence.whenSynced;
      stored += readCommentRecords(doc).filter((record) => record.kind === 'thread').length;
      await persistence.destroy();
    }
    if (stored !== comments) throw new Error(`stored ${stored} of ${comments} comments`);
    return { open: 0 };
  },

  /**
   * Opens the SOA from IndexedDB. `firstScreenMs`: to the first usable screen (the section's text editable,
   * the outline with its comment counts); the comment rooms are read after it, so `allReadMs` is to every
   * comment read into threads, and `longestTaskAfterMs` the longest main-thread task between the two (what
   * typing could wait behind). The counts on the first screen are the ones this computer last read.
   */
  async open(scope: string, profile = false): Promise<OpenResult> {
    window.location.hash = ROUTE;
    // A CPU profile of the open up to the first screen (bench/comments-profile.ts).
    if (profile) console.profile('first-screen');
    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: true });
    const start = performance.now();
    const workspace = await openWorkspace(entry(scope));
    const loaded = performance.now();
    let commentsStartMs = Number.NaN;
    const startComments = workspace.startComments.bind(workspace);
    workspace.startComments = () => {
      if (Number.isNaN(commentsStartMs)) commentsStartMs = performance.now() - start;
      return startComments();
    };
    mountWorkspace(document.getElementById('root')!, workspace);
    await whenEditable();
    const firstScreen = performance.now();
    if (profile) console.profileEnd('first-screen');
    const shown = {
      total: workspace.getComments().counts.total,
      outline: outlineCounts(),
      loaded: workspace.getComments().loaded,
    };
    const state = await workspace.whenCommentsLoaded();
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    const allRead = performance.now();
    observer.disconnect();
    const longestTaskAfterMs = Math.max(
      0,
      ...longTasks.filter((task) => task.startTime >= firstScreen).map((task) => task.duration),
    );
    const longestTaskBeforeMs = Math.max(
      0,
      ...longTasks.filter((task) => task.startTime < firstScreen).map((task) => task.duration),
    );
    return {
      roomsReadMs: loaded - start,
      commentsStartMs,
      firstScreenMs: firstScreen - start,
      longestTaskBeforeMs,
      allReadMs: allRead - start,
      longestTaskAfterMs,
      threads: state.threads.length,
      shown,
      after: { total: state.counts.total, outline: outlineCounts() },
    };
  },
};

interface OpenResult {
  /** To every SOA room's copy read (before anything is drawn). */
  roomsReadMs: number;
  /** When the comment rooms started to be read (NaN: not yet at the first screen or after). */
  commentsStartMs: number;
  firstScreenMs: number;
  allReadMs: number;
  /** The longest main-thread task while opening (a check that long tasks are observed at all). */
  longestTaskBeforeMs: number;
  longestTaskAfterMs: number;
  threads: number;
  /** On the first screen: the open count, the outline's counts, and whether the rooms were already read. */
  shown: { total: number; outline: string; loaded: boolean };
  after: { total: number; outline: string };
}

/** The outline's comment counts as shown, in order. */
function outlineCounts(): string {
  return [...document.querySelectorAll('.outline [data-open-comments]')]
    .map((element) => element.getAttribute('data-open-comments'))
    .join(',');
}

function whenEditable(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const editor = document.querySelector('.ProseMirror[contenteditable="true"]');
      if (editor && (editor.textContent ?? '').length > 100 && document.querySelector('.outline'))
        requestAnimationFrame(() => resolve());
      else requestAnimationFrame(check);
    };
    check();
  });
}

(window as unknown as { commentsBench: typeof bench }).commentsBench = bench;
document.body.dataset.benchReady = 'true';
