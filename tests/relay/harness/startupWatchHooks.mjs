// @ts-check
/** Module resolve hooks for startupWatch.mjs: posts each resolved URL back to the relay's main thread. */

/** @type {import('node:worker_threads').MessagePort | null} */
let port = null;

/** @param {{ port: import('node:worker_threads').MessagePort }} data */
export function initialize(data) {
  port = data.port;
}

/**
 * @param {string} specifier
 * @param {unknown} context
 * @param {(specifier: string, context: unknown) => Promise<{ url: string }>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port?.postMessage(resolved.url);
  return resolved;
}
