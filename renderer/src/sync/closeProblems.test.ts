import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/protocol/messages';
import { MAX_RICH_TEXT_DEPTH } from '../../../shared/model/richText';
import { deepestNesting, problemForClose, stopsReconnecting } from './closeProblems';

function nested(depth: number): Y.Doc {
  const doc = new Y.Doc();
  let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('statement');
  for (let level = 0; level < depth; level += 1) {
    const quote = new Y.XmlElement('blockquote');
    parent.insert(0, [quote]);
    parent = quote;
  }
  return doc;
}

/** Every code the relay closes with (shared/protocol/messages.ts), but the restart, which needs no words. */
const REFUSALS = Object.entries(CLOSE_CODES).filter(([name]) => name !== 'GOING_AWAY');

describe('the relay refusals in plain words', () => {
  it.each(REFUSALS)('%s (%i) says what happened, that nothing is lost, and what to do next', (_name, code) => {
    const problem = problemForClose(
      code,
      'You have sent over 64 MiB of changes this hour; they are kept on this computer and sent later.',
      new Y.Doc(),
    );
    expect(problem).not.toBeNull();
    const message = problem?.message ?? '';
    // What to do next: the app retries by itself, or the officer is told an action.
    if (problem?.retrying) expect(message).toMatch(/by itself|reconnects/);
    else expect(message).toMatch(/reload SOA Studio|ask your coordinator|join again|tell your relay administrator/i);
    // Plain words: no codes, no jargon, UK spelling, and never a promise that changes are lost.
    expect(message).not.toMatch(/\b\d{4}\b|struct|websocket|client id|Yjs|lost|deleted your/i);
    expect(message).not.toMatch(/recognize|behavior|color|organization/);
    // Retrying matches what the connection does: 45xx codes reconnect, the rest stop.
    expect(problem?.retrying).toBe(!stopsReconnecting(code));
  });

  it('tells content nested deeper than the relay accepts from a message it could not read', () => {
    expect(deepestNesting(nested(3))).toBe(3);
    expect(
      problemForClose(
        CLOSE_CODES.MALFORMED,
        'The relay could not read a message; reload the app and reconnect.',
        nested(MAX_RICH_TEXT_DEPTH + 1),
      )?.kind,
    ).toBe('too-deep');
    expect(
      problemForClose(
        CLOSE_CODES.MALFORMED,
        'The relay could not read a message; reload the app and reconnect.',
        nested(MAX_RICH_TEXT_DEPTH),
      )?.kind,
    ).toBe('malformed');
  });

  it('says whose quota ran out', () => {
    expect(
      problemForClose(
        CLOSE_CODES.WRITE_QUOTA,
        'You have sent over 64 MiB of changes this hour; they are kept on this computer and sent later.',
        null,
      )?.message,
    ).toMatch(/^You have sent more changes/);
    expect(
      problemForClose(
        CLOSE_CODES.WRITE_QUOTA,
        'This section has had over 256 MiB of changes this hour; they are kept on this computer and sent later.',
        null,
      )?.message,
    ).toMatch(/^This section has had more changes/);
  });

  it('stops reconnecting after a message too big for the relay (1009), which would only be sent again', () => {
    expect(stopsReconnecting(CLOSE_CODES.MESSAGE_TOO_BIG)).toBe(true);
    expect(stopsReconnecting(CLOSE_CODES.RATE_LIMITED)).toBe(false);
    expect(stopsReconnecting(CLOSE_CODES.GOING_AWAY)).toBe(false);
  });
});
