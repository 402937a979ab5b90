/**
 * Who else is online and in which section, from the frame room's awareness (y-protocols), and telling the
 * others where I am. Peer states come from the network, so each field is checked before it is shown.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from '../../../shared/protocol/messages';

export interface PresencePeer {
  readonly clientId: number;
  readonly user: PresenceUser;
  readonly section: string | null;
}

type Listener = () => void;

function peerFrom(clientId: number, state: unknown): PresencePeer | null {
  if (!state || typeof state !== 'object') return null;
  const user = (state as { user?: unknown }).user;
  if (!user || typeof user !== 'object') return null;
  const candidate = user as Partial<PresenceUser>;
  if (typeof candidate.name !== 'string' || typeof candidate.memberId !== 'string') return null;
  const section = (state as { section?: unknown }).section;
  return {
    clientId,
    user: {
      memberId: candidate.memberId,
      name: candidate.name,
      partnerId: String(candidate.partnerId ?? ''),
      partnerName: String(candidate.partnerName ?? ''),
      role: String(candidate.role ?? ''),
    },
    section: typeof section === 'string' ? section.slice(0, 200) : null,
  };
}

export class Presence {
  private peers: readonly PresencePeer[] = [];
  private readonly listeners = new Set<Listener>();
  private awareness: Awareness | null = null;
  private localSection: string | null = null;

  /** Starts sharing presence once the frame room has a relay connection. */
  attach(awareness: Awareness | null): void {
    if (!awareness || this.awareness) return;
    this.awareness = awareness;
    awareness.setLocalStateField('section', this.localSection);
    awareness.on('change', this.onChange);
  }

  private readonly onChange = (): void => {
    const awareness = this.awareness;
    if (!awareness) return;
    const peers: PresencePeer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const peer = peerFrom(clientId, state);
      if (peer) peers.push(peer);
    }
    peers.sort((a, b) => a.user.name.localeCompare(b.user.name));
    this.peers = peers;
    for (const listener of this.listeners) listener();
  };

  /** Tells the others which section I am in. */
  setSection(section: string): void {
    this.localSection = section;
    this.awareness?.setLocalStateField('section', section);
  }

  readonly get = (): readonly PresencePeer[] => this.peers;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    this.awareness?.off('change', this.onChange);
    this.listeners.clear();
  }
}
