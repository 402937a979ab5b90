/**
 * A fingerprint of the code that works out a version's Word document and comparison: a hash of the contents
 * of shared/ (the export and the comparison live there). What the relay keeps of that work (derivedStore.ts)
 * is keyed on it, so an upgraded or edited relay never hands out what older code made: the file it exports
 * is always the one its own code would make afresh. Contents, not modification times, so a fresh checkout of
 * the same code keeps what was kept.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let fingerprint: string | null | undefined;

/** The fingerprint, worked out once per process; null when the sources cannot be read (nothing is then kept). */
export function codeFingerprint(): string | null {
  if (fingerprint !== undefined) return fingerprint;
  try {
    const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
    const files = fs
      .readdirSync(shared, { recursive: true, withFileTypes: true })
      .filter((item) => item.isFile() && /\.tsx?$/.test(item.name) && !/\.test\.tsx?$/.test(item.name))
      .map((item) => path.join(item.parentPath, item.name))
      .sort();
    if (files.length === 0) return (fingerprint = null);
    const hash = crypto.createHash('sha256');
    for (const file of files) hash.update(`${path.relative(shared, file)}\0`).update(fs.readFileSync(file));
    fingerprint = hash.digest('hex').slice(0, 32);
  } catch {
    fingerprint = null;
  }
  return fingerprint;
}
