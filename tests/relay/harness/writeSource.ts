/** A write source for tests that call the write pipeline directly: a member who may write, from no peer. */
import type { MemberId } from '../../../shared/model/ids';
import type { WriteOutcome, WriteSource } from '../../../server/relay/writePipeline';

export function memberSource(author: MemberId, settle: (outcome: WriteOutcome) => void = () => {}): WriteSource {
  return { author, via: 'websocket', mayWrite: true, peer: null, dropped: () => false, settle };
}
