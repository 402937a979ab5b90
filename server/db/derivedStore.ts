/**
 * What the tracked-changes export works out from a named version, kept in the relay's database so the next
 * process (each `soa-relay export --changes-since` is one) starts from it (issue 16's speed): the version's
 * Word document for one set of export options (with the paragraph differences its last export used), and the
 * comparison's replay up to a sequence number.
 *
 * Both stay right for good. A version never changes, so neither does its document. The replay holds every
 * change stored after the version up to through_seq, and that set never changes either: new rows get higher
 * sequence numbers, and compaction keeps the rows it folds with their sequence numbers (in the log, or in
 * room_audit for a relay before schema migration 6; its merged row is not a change and is never replayed).
 * Every row is keyed on the code that made it (codeFingerprint.ts). Keeping is best effort: a write that
 * fails (a busy or read-only database) only means the next export works it out again.
 *
 * Bounded, or every new export date and every pair of versions compared would add a megabyte for good: a few
 * documents per version and a dozen in all, the most recently made, and the checkpoints of the pairs compared
 * most recently; what another version of the code made goes whenever this code keeps something.
 */
import type Database from 'better-sqlite3';
import { codeFingerprint } from './codeFingerprint';

/** Documents kept per version: a few export dates (or scopes) of each. */
export const DOCUMENTS_PER_VERSION = 4;
/** Documents kept in all, the most recently made (each up to a megabyte for a 100-page SOA). */
export const KEPT_DOCUMENTS = 12;
/** Comparison checkpoints kept in all, the most recently written (one per pair compared; each about a megabyte). */
export const KEPT_CHECKPOINTS = 8;

export interface StoredCheckpoint {
  readonly throughSeq: number;
  readonly data: Uint8Array;
}

export class DerivedStore {
  constructor(private readonly db: Database.Database) {}

  /** The version's document.xml made with these options by this code, if kept. */
  versionDocument(versionId: string, options: string): string | undefined {
    const code = codeFingerprint();
    if (code === null) return undefined;
    return this.db
      .prepare<
        [string, string, string],
        { xml: string }
      >('SELECT xml FROM version_documents WHERE version_id = ? AND options = ? AND code = ?')
      .get(versionId, options, code)?.xml;
  }

  keepVersionDocument(versionId: string, options: string, xml: string): void {
    const code = codeFingerprint();
    if (code === null) return;
    this.bestEffort(
      this.db.transaction(() => {
        this.db
          .prepare(
            'INSERT OR REPLACE INTO version_documents (version_id, options, code, xml, stored_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(versionId, options, code, xml, Date.now());
        // The oldest go, of the version and in all, and any another version of the code made: each new export
        // date would otherwise add a document for good.
        this.db
          .prepare(
            `DELETE FROM version_documents WHERE version_id = ? AND rowid NOT IN
             (SELECT rowid FROM version_documents WHERE version_id = ? AND code = ? ORDER BY stored_at DESC, rowid DESC LIMIT ?)`,
          )
          .run(versionId, versionId, code, DOCUMENTS_PER_VERSION);
        this.db
          .prepare(
            `DELETE FROM version_documents WHERE code != ? OR rowid NOT IN
             (SELECT rowid FROM version_documents ORDER BY stored_at DESC, rowid DESC LIMIT ?)`,
          )
          .run(code, KEPT_DOCUMENTS);
      }),
    );
  }

  /** The paragraph differences kept with the version's document (shared/export/tracked/versionDocuments.ts). */
  versionDiffs(versionId: string, options: string): string | undefined {
    const code = codeFingerprint();
    if (code === null) return undefined;
    return (
      this.db
        .prepare<
          [string, string, string],
          { diffs: string | null }
        >('SELECT diffs FROM version_documents WHERE version_id = ? AND options = ? AND code = ?')
        .get(versionId, options, code)?.diffs ?? undefined
    );
  }

  keepVersionDiffs(versionId: string, options: string, diffs: string): void {
    const code = codeFingerprint();
    if (code === null) return;
    this.bestEffort(() =>
      this.db
        .prepare('UPDATE version_documents SET diffs = ? WHERE version_id = ? AND options = ? AND code = ?')
        .run(diffs, versionId, options, code),
    );
  }

  /** The replay of the comparison of `fromVersion` with `toVersion` (null: now), if this code kept one. */
  checkpoint(fromVersion: string, toVersion: string | null): StoredCheckpoint | undefined {
    const code = codeFingerprint();
    if (code === null) return undefined;
    const row = this.db
      .prepare<
        [string, string, string],
        { through_seq: number; data: Buffer }
      >('SELECT through_seq, data FROM comparison_checkpoints WHERE from_version = ? AND to_version = ? AND code = ?')
      .get(fromVersion, toVersion ?? '', code);
    return row
      ? { throughSeq: row.through_seq, data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) }
      : undefined;
  }

  keepCheckpoint(fromVersion: string, toVersion: string | null, throughSeq: number, data: Uint8Array): void {
    const code = codeFingerprint();
    if (code === null) return;
    this.bestEffort(
      this.db.transaction(() => {
        this.db
          .prepare(
            `INSERT OR REPLACE INTO comparison_checkpoints (from_version, to_version, code, through_seq, data, stored_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(fromVersion, toVersion ?? '', code, throughSeq, data, Date.now());
        // One per pair compared (the row is replaced); the pairs compared longest ago go, and any other code's.
        this.db
          .prepare(
            `DELETE FROM comparison_checkpoints WHERE code != ? OR rowid NOT IN
             (SELECT rowid FROM comparison_checkpoints ORDER BY stored_at DESC, rowid DESC LIMIT ?)`,
          )
          .run(code, KEPT_CHECKPOINTS);
      }),
    );
  }

  /** Deletes everything kept (the benchmark measures an export with nothing kept anywhere with this). */
  forget(): void {
    this.db.exec('DELETE FROM version_documents; DELETE FROM comparison_checkpoints;');
  }

  private bestEffort(write: () => void): void {
    try {
      write();
    } catch {
      // Only a saving for next time: the export in hand is right without it.
    }
  }
}
