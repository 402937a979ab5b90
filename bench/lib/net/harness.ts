/**
 * The network harness of the tests (the shaping proxy, link profiles, the relay process, clients, the typist),
 * for the benchmarks: bench/tsconfig.json references the tests project, so these are the tests' own modules.
 */
export { ShapingProxy, type ProxyStats, type DirectionStats } from '../../../tests/net/shapingProxy';
export { PROFILES, SHAPED_PROFILES, type DirectionShape, type LinkProfile } from '../../../tests/net/profiles';
export { createRng, seedFromEnv, type Rng } from '../../../tests/support/random';
export { NetClient, type NetClientOptions } from '../../../tests/net/netClient';
export { Typist } from '../../../tests/net/typist';
export { createDemo, type Partnership } from '../../../tests/support/relayCli';
export { RestartableRelay } from '../../../tests/support/restartableRelay';
