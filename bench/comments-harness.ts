/**
 * Browser side of bench/comments-open.ts: seeds the sample SOA into IndexedDB as a partnership SOA (a relay
 * entry with a session, never connected) with or without 1,000 comments in its members' comment rooms, and
 * opens it to an editable screen with every comment read.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
  commentRoomsOfSoa,
  CommentsDocument,
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
    // Each member's comments written to that member's comment room's IndexedDB copy, as the app keeps it.
    const stores = members.map((member, index) => {
      const doc = new Y.Doc();
      const persistence = new IndexeddbPersistence(
        `soa-studio:${scope}.bench.invalid:${commentRoomsOfSoa(soaId, [member.id])[0]!}`,
        doc,
      );
      return { memberId: member.id, doc, persistence, index };
    });
    await Promise.all(stores.map((store) => store.persistence.whenSynced));
    writeSampleComments(
      stores.map((store) => ({ memberId: store.memberId, comments: new CommentsDocument(store.doc) })),
      sample.frame,
      sample.partnerDocs,
      comments,
    );
    await settle();
    await settle();
    for (const store of stores) await store.persistence.destroy();
    return { open: 0 };
  },

  /** Opens the SOA from IndexedDB: an editable screen, and every comment read into threads. */
  async open(scope: string): Promise<{ ms: number; threads: number }> {
    window.location.hash = ROUTE;
    const start = performance.now();
    const workspace = await openWorkspace(entry(scope));
    mountWorkspace(document.getElementById('root')!, workspace);
    const [state] = await Promise.all([workspace.whenCommentsLoaded(), whenEditable()]);
    await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
    return { ms: performance.now() - start, threads: state.threads.length };
  },
};

function whenEditable(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const editor = document.querySelector('.ProseMirror[contenteditable="true"]');
      if (editor && (editor.textContent ?? '').length > 100) requestAnimationFrame(() => resolve());
      else requestAnimationFrame(check);
    };
    check();
  });
}

(window as unknown as { commentsBench: typeof bench }).commentsBench = bench;
document.body.dataset.benchReady = 'true';
