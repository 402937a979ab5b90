/**
 * A websocket upgrade with the request path sent byte for byte (the `ws` client and WHATWG URLs normalise
 * "..", "." and percent escapes away, which would hide what the relay does with them). Resolves with the
 * close code of the first frame the relay sends, or null when it sends something else first.
 */
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export function upgradeAndReadClose(
  relayUrl: string,
  rawPath: string,
): Promise<{ status: string; closeCode: number | null }> {
  const { hostname, port } = new URL(relayUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer for ${rawPath}`));
    }, 5_000);
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(
        [
          `GET ${rawPath} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = buffer.subarray(0, buffer.indexOf('\r\n')).toString('latin1');
      const frame = buffer.subarray(end + 4);
      if (!status.includes(' 101 ')) {
        clearTimeout(timer);
        socket.destroy();
        resolve({ status, closeCode: null });
        return;
      }
      if (frame.length < 4) return;
      clearTimeout(timer);
      socket.destroy();
      const opcode = (frame[0] ?? 0) & 0x0f;
      resolve({ status, closeCode: opcode === 0x8 ? frame.readUInt16BE(2) : null });
    });
  });
}
