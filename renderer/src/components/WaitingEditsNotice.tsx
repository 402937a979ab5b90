/**
 * Edits made on this computer that cannot take their place yet: an earlier edit of the same session was in
 * a damaged row of the local copy, and Yjs applies a session's edits only in order. They are safe and
 * counted as unsent; this shows what they say, at once and offline too, until the relay sends the missing
 * piece (or answers that nobody has it, when they are placed without it).
 */
import type { WaitingRoom } from '../store/syncStatus';

export function WaitingEditsNotice({
  rooms,
  relayReachable,
}: {
  readonly rooms: readonly WaitingRoom[];
  readonly relayReachable: boolean;
}) {
  const texts = rooms.flatMap((room) => room.texts);
  const one = texts.length === 1;
  const next = relayReachable
    ? one
      ? 'It is being placed now.'
      : 'They are being placed now.'
    : one
      ? 'It takes its place when the relay can be reached.'
      : 'They take their place when the relay can be reached.';
  return (
    <div className="notice-inline" data-problem="local-store-waiting">
      <p>
        {one ? 'An edit' : `${texts.length} edits`} made on this computer just after the damaged part{' '}
        {one ? 'is' : 'are'} safe but not yet in {one ? 'its' : 'their'} place. {next} {one ? 'It says:' : 'They say:'}
      </p>
      <ul>
        {texts.map((text, index) => (
          <li key={index}>“{text.trim()}”</li>
        ))}
      </ul>
    </div>
  );
}
