// The slow-reader attacker of issue 13 as its own process (so its busy loop does not share an event loop
// with the clients that measure the relay): opens a websocket to a room, never reads, and writes one small
// request over and over as fast as the relay takes them; when the relay drops it, it connects again.
// Plain JavaScript with only Node's built-ins, so tests and benchmarks can run it with `node`.
// Usage: node slowReaderAttack.mjs <relay http url> <raw path with token> <request hex> <duration ms>
// Prints one JSON line: { connections, cutOff, requests }.
import { randomBytes } from 'node:crypto';
import net from 'node:net';

const [relayUrl, rawPath, requestHex, durationText] = process.argv.slice(2);
const request = Buffer.from(requestHex, 'hex');
const deadline = Date.now() + Number(durationText);
const { hostname, port } = new URL(relayUrl);
// 256 masked binary frames (zero masking key) each holding the request.
const frame = Buffer.concat([Buffer.from([0x82, 0x80 | request.length, 0, 0, 0, 0]), request]);
const batch = Buffer.concat(Array.from({ length: 256 }, () => frame));

function open() {
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let head = Buffer.alloc(0);
    socket.on('error', () => socket.destroy());
    socket.once('close', () => resolve(null));
    socket.on('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(
        `GET ${rawPath} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk]);
      if (head.indexOf('\r\n\r\n') < 0) return;
      socket.off('data', onData);
      socket.pause(); // never read again
      resolve(
        head.subarray(0, head.indexOf('\r\n')).toString('latin1').includes(' 101 ') ? socket : (socket.destroy(), null),
      );
    };
    socket.on('data', onData);
  });
}

let connections = 0;
let cutOff = 0;
let requests = 0;
while (Date.now() < deadline) {
  const socket = await open();
  if (!socket) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    continue;
  }
  connections++;
  let gone = false;
  socket.once('close', () => (gone = true));
  while (Date.now() < deadline && !gone) {
    while (socket.writableLength < 64 * 1024 && !gone && !socket.destroyed) {
      socket.write(batch);
      requests += 256;
    }
    await new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        socket.off('drain', done);
        resolve();
      };
      const timer = setTimeout(done, 100);
      socket.once('drain', done);
    });
  }
  if (gone) cutOff++;
  socket.destroy();
}
process.stdout.write(`${JSON.stringify({ connections, cutOff, requests })}\n`);
