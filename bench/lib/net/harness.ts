/**
 * The network harness of tests/net (the shaping proxy, link profiles, relay process, clients, typist), loaded
 * for the benchmarks.
 *
 * Why a runtime import with declared types rather than `import ... from '../../../tests/net/...'`: the bench
 * TypeScript project (bench/tsconfig.json) includes only bench/ and references shared, server, renderer and
 * electron, so a static import of a tests/ file fails `tsc -b` with TS6307. Once bench/tsconfig.json includes
 * ../tests/net (or references the tests project), this file can become plain re-exports. The declarations
 * below cover only what the benchmarks use and mirror tests/net exactly.
 */
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';

export interface DirectionShape {
  readonly bitsPerSecond: number;
  readonly latencyMs: number;
  readonly jitterMs: number;
}
export interface LinkProfile {
  readonly name: string;
  readonly up: DirectionShape;
  readonly down: DirectionShape;
}
export type MessageKindCounts = Partial<
  Record<
    'sync-step1' | 'sync-step2' | 'sync-update' | 'awareness' | 'ack' | 'compressed',
    { messages: number; wireBytes: number }
  >
>;
export interface DirectionStats {
  bytesIn: number;
  bytesDelivered: number;
  handshakeBytes: number;
  messages: number;
  byKind: MessageKindCounts;
}
export interface ProxyStats {
  up: DirectionStats;
  down: DirectionStats;
  linksAccepted: number;
}
export interface ShapingProxy {
  readonly port: number;
  wsUrl(path?: string): string;
  goOffline(mode?: 'reset' | 'stall'): void;
  goOnline(): void;
  stats(): ProxyStats;
  resetStats(): void;
  close(): Promise<void>;
}
export interface Rng {
  readonly seed: number;
  next(): number;
  int(min: number, max: number): number;
  fork(label: string | number): Rng;
}
export interface NetClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly synced: boolean;
  readonly connected: boolean;
  everythingOnServer(): boolean;
  connect(): void;
  disconnect(): void;
  destroy(): void;
}
export interface NetClientOptions {
  readonly serverUrl: string;
  readonly room: string;
  readonly token: string;
  readonly connect?: boolean;
  readonly presence?: boolean;
  /** The WebSocket class the provider uses (the app's link chooser, for the HTTPS link); `ws` unless given. */
  readonly webSocketClass?: unknown;
}
export interface Typist {
  readonly counts: { typed: number; deleted: number };
  keystroke(deleteShare: number): void;
  typeChar(): void;
  session(chars: number, deletes: number): void;
}
export interface Partnership {
  readonly soaId: string;
  readonly frameRoom: string;
  readonly partners: ReadonlyArray<{ readonly partnerId: string; readonly room: string; readonly token: string }>;
  readonly coordinatorToken: string;
}
export interface RelayProcess {
  readonly port: number;
  readonly pid: number | undefined;
  start(): Promise<void>;
  stop(): Promise<number | null>;
}

const base = new URL('../../../tests/net/', import.meta.url);
const load = async <T>(file: string): Promise<T> => (await import(new URL(file, base).href)) as T;

const proxyModule = await load<{
  ShapingProxy: {
    start(options: {
      targetPort: number;
      profile: LinkProfile;
      seed: number;
      sharedLine?: boolean;
      refuseUpgrades?: boolean;
    }): Promise<ShapingProxy>;
  };
}>('shapingProxy.ts');
const profilesModule = await load<{
  PROFILES: Record<
    'loopback' | 'office' | 'ruralAdsl' | 'rural4gEdge' | 'fallback3g' | 'flapping' | 'offlineDay',
    LinkProfile
  >;
  SHAPED_PROFILES: readonly LinkProfile[];
}>('profiles.ts');
const rngModule = await load<{ createRng(seed: number): Rng; seedFromEnv(): number }>('rng.ts');
const clientModule = await load<{ NetClient: new (options: NetClientOptions) => NetClient }>('netClient.ts');
const typistModule = await load<{ Typist: new (doc: Y.Doc, fragment: Y.XmlFragment, rng: Rng) => Typist }>('typist.ts');
const relayModule = await load<{
  createDemo(dbPath: string): Partnership;
  RelayProcess: new (
    dbPath: string,
    log?: (line: string) => void,
    env?: NodeJS.ProcessEnv,
    serveArgs?: readonly string[],
  ) => RelayProcess;
}>('relayProcess.ts');

export const { ShapingProxy } = proxyModule;
export const { PROFILES, SHAPED_PROFILES } = profilesModule;
export const { createRng, seedFromEnv } = rngModule;
export const { NetClient } = clientModule;
export const { Typist } = typistModule;
export const { createDemo, RelayProcess } = relayModule;
