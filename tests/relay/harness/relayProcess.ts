/** The relay as a child process (kept in server/ so tests and benchmarks share it). */
export * from '../../../server/relayProcess';
