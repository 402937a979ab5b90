/**
 * How big is the largest legitimate message a client sends the relay: its sync step 2 after a long time
 * offline, carrying every edit made since? Simulates an officer editing a partner room offline keystroke by
 * keystroke (one transaction per keystroke, as the editor does) in the rich-text contributions, with
 * deletions, formatting and commitments, then measures the catch-up update against the relay's state.
 * The figures set MAX_MESSAGE_BYTES and MAX_STRUCTS_PER_UPDATE in server/relay/limits.ts.
 *
 * Run: npx tsx bench/relay-catchup-size.ts
 */
import * as Y from 'yjs';
import { newId, type OutcomeId, type PartnerId } from '../shared/model/ids';
import { PartnerDocument } from '../shared/model/partner';
import { createRng } from './lib/net/harness';
import { formatBytes, printTable } from './lib/stats';

const WORDS =
  'the partnership will reduce inequality in outcomes for children and young people through early intervention prevention and joint resourcing across health police fire and council services'.split(
    ' ',
  );

function offlineSession(keystrokes: number): { catchUp: number; whole: number; structs: number } {
  const random = createRng(keystrokes).next;
  const doc = new Y.Doc();
  const partner = new PartnerDocument(doc);
  partner.initialise(newId<PartnerId>());
  const outcomes = Array.from({ length: 8 }, () => newId<OutcomeId>());
  for (const outcome of outcomes) partner.addContribution(outcome);
  // The relay has everything up to here; the officer then goes offline.
  const relayState = Y.encodeStateVector(doc);
  const paragraphs: Y.XmlText[] = [];
  const newParagraph = (): Y.XmlText => {
    const fragment = partner.contributionFragment(outcomes[Math.floor(random() * outcomes.length)] ?? outcomes[0]!);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    doc.transact(() => {
      paragraph.insert(0, [text]);
      fragment.insert(fragment.length, [paragraph]);
    });
    paragraphs.push(text);
    return text;
  };
  let current = newParagraph();
  let word = '';
  for (let i = 0; i < keystrokes; i++) {
    const roll = random();
    if (roll < 0.01) current = newParagraph();
    else if (roll < 0.08 && current.length > 0) doc.transact(() => current.delete(current.length - 1, 1));
    else if (roll < 0.085 && current.length > 10) doc.transact(() => current.format(0, 5, { bold: true }));
    else if (roll < 0.087) partner.addCommitment(outcomes[0]!, { action: `Commitment ${i}` });
    else {
      if (word.length === 0) word = (WORDS[Math.floor(random() * WORDS.length)] ?? 'x') + ' ';
      const character = word[0] ?? ' ';
      word = word.slice(1);
      doc.transact(() => current.insert(current.length, character));
    }
  }
  const catchUp = Y.encodeStateAsUpdate(doc, relayState);
  return {
    catchUp: catchUp.byteLength,
    whole: Y.encodeStateAsUpdate(doc).byteLength,
    structs: Y.decodeUpdate(catchUp).structs.length,
  };
}

const rows: string[][] = [];
for (const keystrokes of [2_000, 10_000, 50_000, 200_000]) {
  const { catchUp, whole, structs } = offlineSession(keystrokes);
  rows.push([
    keystrokes.toLocaleString('en-GB'),
    formatBytes(catchUp),
    formatBytes(whole),
    `${(catchUp / keystrokes).toFixed(2)} B`,
    structs.toLocaleString('en-GB'),
  ]);
}
console.log('Catch-up after an offline period (one partner room, keystroke by keystroke):');
printTable(
  ['keystrokes offline', 'sync step 2 size', 'whole room', 'bytes per keystroke', 'structs in the step 2'],
  rows,
);
