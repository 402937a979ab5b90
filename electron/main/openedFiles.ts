/**
 * Change files the operating system asks SOA Studio to open: a double-clicked .soabundle (the association
 * in electron-builder.yml) arrives on the command line of the first start (Windows, Linux), in the argv of
 * a second start that the single-instance lock turns into a 'second-instance' event, or as macOS's
 * 'open-file' event. They wait here until the page takes them (the page may not be loaded yet, or no SOA
 * may be open), and only files with the extension, that exist and are small enough, are read.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OpenedFile } from '../../shared/bridge/desktopBridge';
import { MAX_FILE_BYTES } from './validation';

const EXTENSION = '.soabundle';
/** A runaway launcher cannot queue more than this many files. */
const MAX_WAITING = 20;

/** The .soabundle paths among a command line's arguments (switches and the app's own path are ignored), made absolute. */
export function bundlePathsFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(EXTENSION))
    .map((arg) => path.resolve(workingDirectory, arg));
}

export class OpenedFileQueue {
  private waiting: string[] = [];

  constructor(private readonly onProblem: (message: string) => void = () => {}) {}

  /** Queues paths; true when any was queued (the page should be told). */
  add(paths: readonly string[]): boolean {
    let added = false;
    for (const candidate of paths) {
      if (
        !candidate.toLowerCase().endsWith(EXTENSION) ||
        this.waiting.includes(candidate) ||
        this.waiting.length >= MAX_WAITING
      )
        continue;
      this.waiting.push(candidate);
      added = true;
    }
    return added;
  }

  get size(): number {
    return this.waiting.length;
  }

  /** Reads and hands over every waiting file; one that cannot be read is reported and dropped. */
  async take(): Promise<OpenedFile[]> {
    const paths = this.waiting;
    this.waiting = [];
    const files: OpenedFile[] = [];
    for (const file of paths) {
      try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) throw new Error('it is not a file');
        if (stat.size > MAX_FILE_BYTES) throw new Error(`it is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
        const bytes = await fs.readFile(file);
        files.push({
          name: path.basename(file),
          bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        });
      } catch (error) {
        this.onProblem(`Could not open ${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return files;
  }
}
