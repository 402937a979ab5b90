/**
 * A probe of the disk's flushes, run beside a durable server in a benchmark: a child process of its own
 * (so the load generator's busy event loop cannot delay what it measures) that writes 4 KiB to a file in
 * the server's folder and fdatasyncs it every PROBE_EVERY_MS, and reports each flush's time.
 *
 * On this machine's virtual disk a flush now and then takes 100-450 ms, whoever asks for it. A server that
 * commits before it broadcasts waits that long too, and in a 15 s step such a stall decides the p99. The
 * probe tells that apart from the server's own slowness: a tail that lines up with a stalled flush here
 * is the disk's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const PROBE_EVERY_MS = 20;

/** The probe's own code, run with `node -e`: one line per flush, "<epoch ms> <flush ms>". */
const probeSource = `
const fs = require('node:fs');
const fd = fs.openSync(process.argv[1], 'w');
const block = Buffer.alloc(4096, 1);
let offset = 0;
function flush() {
  fs.writeSync(fd, block, 0, block.length, offset);
  offset = (offset + block.length) % (256 * block.length);
  const started = performance.now();
  fs.fdatasync(fd, () => {
    process.stdout.write(Date.now() + ' ' + (performance.now() - started).toFixed(2) + '\\n');
    setTimeout(flush, ${PROBE_EVERY_MS});
  });
}
flush();
`;

export interface DiskFlush {
  /** When the flush finished, in epoch ms (Date.now()), comparable across processes on this machine. */
  readonly at: number;
  readonly ms: number;
}

export interface DiskProbe {
  /** The flushes that finished between two moments (epoch ms). */
  flushesBetween(from: number, to: number): DiskFlush[];
  stop(): void;
}

export function startDiskProbe(folder: string): DiskProbe {
  const child: ChildProcess = spawn(process.execPath, ['-e', probeSource, path.join(folder, 'disk-probe.bin')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const flushes: DiskFlush[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const [at, ms] = line.split(' ').map(Number);
      if (at !== undefined && ms !== undefined && Number.isFinite(at) && Number.isFinite(ms)) flushes.push({ at, ms });
    }
  });
  return {
    flushesBetween: (from, to) => flushes.filter((flush) => flush.at >= from && flush.at <= to),
    stop: () => void child.kill(),
  };
}

/** The slowest flush in progress during each second from `from` (epoch ms), for `seconds` seconds. */
export function slowestFlushBySecond(flushes: readonly DiskFlush[], from: number, seconds: number): number[] {
  return Array.from({ length: seconds }, (_, second) => {
    const start = from + second * 1000;
    const end = start + 1000;
    const during = flushes.filter((flush) => flush.at - flush.ms < end && flush.at > start);
    return Math.max(0, ...during.map((flush) => flush.ms));
  });
}
