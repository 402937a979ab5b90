// @ts-check
/**
 * Loaded into a relay under test with `node --import` (tests/relay/startupLoad.test.ts): records every module
 * URL the relay's ES modules resolve and every Intl date or number formatter it makes, and writes both as
 * JSON to STARTUP_WATCH_OUT each time the process gets SIGUSR2.
 */
import fs from 'node:fs';
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const modules = new Set();
const formatters = [];

const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => modules.add(String(url)));
port1.unref();
register('./startupWatchHooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });

for (const name of /** @type {const} */ (['DateTimeFormat', 'NumberFormat'])) {
  const original = Intl[name];
  // @ts-expect-error: the same constructor, counted.
  Intl[name] = new Proxy(original, {
    construct(target, args, newTarget) {
      formatters.push(name);
      return Reflect.construct(target, args, newTarget);
    },
  });
}

process.on('SIGUSR2', () => {
  const out = process.env.STARTUP_WATCH_OUT;
  // The resolve hooks post from their own thread: let their messages arrive first.
  setTimeout(() => {
    if (out) fs.writeFileSync(out, JSON.stringify({ modules: [...modules], formatters }));
  }, 200);
});
