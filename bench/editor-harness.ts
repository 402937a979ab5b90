/**
 * Browser side of the editor benchmarks (bundled by bench/editor-common.ts). Exposes `window.editorBench`
 * with the operations the Node side times: seeding the sample SOA into IndexedDB, opening it from there to
 * an editable screen, opening the same content applied in memory, and mounting the editor bound to the
 * sample's Y.Doc or unbound (plain Tiptap with the same HTML) for the typing benchmark.
 */
import * as Y from 'yjs';
import { Editor } from '@tiptap/core';
import { generateSampleSoa } from '../shared/sample/generateSample';
import type { PartnerId, SoaId } from '../shared/model';
import { Workspace } from '../renderer/src/store/workspace';
import { openWorkspace } from '../renderer/src/store/open';
import { mountUnboundEditor, mountWorkspace } from '../renderer/src/mount';
import { createExtensions } from '../renderer/src/richtext/extensions';
import type { WorkspaceEntry } from '../renderer/src/store/catalogue';
import '../renderer/src/styles/app.css';

const SEED = 2013;
/** The longest shared narrative section of the sample: where an officer types. */
const SECTION = 'understandingOfPlace';
const ROUTE = `#/narrative/${SECTION}`;

interface SampleUpdates {
  readonly soaId: SoaId;
  readonly title: string;
  readonly frame: Uint8Array;
  readonly partners: Map<PartnerId, Uint8Array>;
  readonly bytes: number;
}

function sampleUpdates(): SampleUpdates {
  const sample = generateSampleSoa({ seed: SEED });
  const partners = new Map<PartnerId, Uint8Array>();
  let bytes = 0;
  for (const [id, doc] of sample.partnerDocs) {
    const update = Y.encodeStateAsUpdate(doc);
    bytes += update.length;
    partners.set(id, update);
  }
  const frame = Y.encodeStateAsUpdate(sample.frame);
  bytes += frame.length;
  return { soaId: sample.soaId, title: sample.title, frame, partners, bytes };
}

function container(): HTMLElement {
  const element = document.getElementById('root');
  if (!element) throw new Error('no #root');
  return element;
}

function mountShell(workspace: Workspace): void {
  mountWorkspace(container(), workspace);
}

/** Resolves when an editable rich-text editor with content is on screen (after a paint). */
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

function entry(soaId: SoaId, title: string, inMemory: boolean): WorkspaceEntry {
  return { soaId, kind: 'sample', title, openedAt: new Date().toISOString(), inMemory };
}

const latencies: number[] = [];
const handled: number[] = [];
let listening = false;

const bench = {
  /** Writes the sample into IndexedDB; returns its id and size. */
  async seed(): Promise<{ soaId: string; title: string; bytes: number }> {
    const updates = sampleUpdates();
    const workspace = new Workspace(entry(updates.soaId, updates.title, false), { kind: 'local', name: 'Bench' });
    await workspace.whenLoaded();
    workspace.loadContent(updates.frame, updates.partners);
    await workspace.whenLoaded();
    while (workspace.hasUnsavedLocalChanges) await new Promise((resolve) => setTimeout(resolve, 20));
    workspace.dispose();
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { soaId: updates.soaId, title: updates.title, bytes: updates.bytes };
  },

  /** Opens the seeded SOA from IndexedDB to an editable screen; returns milliseconds. */
  async openFromIndexedDb(soaId: string, title: string): Promise<number> {
    window.location.hash = ROUTE;
    const start = performance.now();
    const workspace = await openWorkspace(entry(soaId as SoaId, title, false));
    mountShell(workspace);
    await whenEditable();
    return performance.now() - start;
  },

  /** The reference: the same content applied to in-memory documents, same screen; returns milliseconds. */
  async openInMemory(): Promise<number> {
    const updates = sampleUpdates();
    window.location.hash = ROUTE;
    const start = performance.now();
    const workspace = new Workspace(entry(updates.soaId, updates.title, true), { kind: 'local', name: 'Bench' });
    await workspace.whenLoaded();
    workspace.loadContent(updates.frame, updates.partners);
    mountShell(workspace);
    await whenEditable();
    return performance.now() - start;
  },

  /** Mounts the app on the sample from IndexedDB, editor bound to its Y.Doc, caret at the end. */
  async mountBound(soaId: string, title: string): Promise<void> {
    await bench.openFromIndexedDb(soaId, title);
    focusEnd();
  },

  /** Mounts the same editor with the same content but no Yjs binding, caret at the end. */
  async mountUnbound(): Promise<void> {
    const sample = generateSampleSoa({ seed: SEED });
    const html = new Editor({
      extensions: createExtensions(sample.frame.getXmlFragment(`narrative.${SECTION}`)),
    }).getHTML();
    mountUnboundEditor(container(), 'Our place', html);
    await whenEditable();
    focusEnd();
  },

  /** Starts recording keystroke-to-next-paint: from the keydown's timestamp to after the next frame. */
  startLatency(): void {
    latencies.length = 0;
    handled.length = 0;
    if (listening) return;
    listening = true;
    window.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        // Work done by the handlers (input processing, the editor's transaction, the Yjs binding), measured
        // when the task that handled the key ends.
        setTimeout(() => handled.push(performance.now() - start), 0);
        requestAnimationFrame(() => {
          // The frame's paint follows this callback; a message posted now runs right after it.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => latencies.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  },

  latencies(): number[] {
    return [...latencies];
  },

  /** Keydown to the end of the task that handled it (excludes waiting for the next frame). */
  handled(): number[] {
    return [...handled];
  },
};

function focusEnd(): void {
  const editor = document.querySelector<HTMLElement>('.ProseMirror[contenteditable="true"]');
  if (!editor) throw new Error('no editor');
  editor.focus();
  const selection = window.getSelection();
  const range = document.createRange();
  range.selectNodeContents(editor);
  range.collapse(false);
  selection?.removeAllRanges();
  selection?.addRange(range);
}

(window as unknown as { editorBench: typeof bench }).editorBench = bench;
document.body.dataset.benchReady = 'true';
