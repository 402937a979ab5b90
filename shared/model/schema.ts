/**
 * Schema versions of the two kinds of room and the path from each older version to the current one.
 * A document records its version in `meta.schemaVersion`. Opening a document of an older version runs the
 * migrations in order, in one transaction with origin 'migration', by a member who may write that room (a
 * reader keeps reading the old shape, which the readers tolerate). A document from a newer version of the
 * app is refused with a clear message rather than rewritten.
 */
import * as Y from 'yjs';
import { ORIGIN_MIGRATION } from './origins';
import { foldFrameText, foldPartnerText, hasLegacyText } from './textKeys';

/**
 * 1: the first released shape.
 * 2: titles, notes and statements typed as plain text are Y.Text (merged by character); figures (targets,
 *    baselines, resources) are kept as typed, a string, where version 1 kept a number; an indicator's
 *    direction may be unset. Readers still read version 1's strings and numbers.
 */
export const FRAME_SCHEMA_VERSION = 2;
export const PARTNER_SCHEMA_VERSION = 2;

/** One step: upgrades a document from `from` to `from + 1`. */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  readonly apply: (doc: Y.Doc) => void;
}

/** Frame migrations, oldest first. */
export const FRAME_MIGRATIONS: readonly Migration[] = [
  { from: 1, describe: 'Move titles and notes into Y.Text, merged by character', apply: foldFrameText },
];
export const PARTNER_MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    describe: 'Move notes on gaps, actions and link descriptions into Y.Text, merged by character',
    apply: foldPartnerText,
  },
];

export class NewerSchemaError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This SOA was saved by a newer version of SOA Studio (document version ${found}; this app understands up to ${supported}). ` +
        'Update SOA Studio to open it. Nothing has been changed.',
    );
    this.name = 'NewerSchemaError';
  }
}

export function migrateFrame(doc: Y.Doc): number {
  const ran = migrate(doc, FRAME_SCHEMA_VERSION, FRAME_MIGRATIONS);
  foldLateLegacyText(doc, 'frame', foldFrameText);
  return ran;
}

export function migratePartner(doc: Y.Doc): number {
  const ran = migrate(doc, PARTNER_SCHEMA_VERSION, PARTNER_MIGRATIONS);
  foldLateLegacyText(doc, 'partner', foldPartnerText);
  return ran;
}

/** A plain string an older app wrote after the migration (offline at the time) is moved in too, not lost. */
function foldLateLegacyText(doc: Y.Doc, room: 'frame' | 'partner', fold: (doc: Y.Doc) => void): void {
  if (typeof doc.getMap('meta').get('schemaVersion') !== 'number' || !hasLegacyText(doc, room)) return;
  doc.transact(() => fold(doc), ORIGIN_MIGRATION);
}

/** Runs the migrations a document needs and returns how many ran. An empty document is left alone. */
export function migrate(doc: Y.Doc, current: number, migrations: readonly Migration[]): number {
  const meta = doc.getMap('meta');
  const stored = meta.get('schemaVersion');
  if (typeof stored !== 'number') return 0;
  if (stored > current) throw new NewerSchemaError(stored, current);
  let version = stored;
  let ran = 0;
  doc.transact(() => {
    while (version < current) {
      const step = migrations.find((migration) => migration.from === version);
      if (!step) throw new Error(`No migration from schema version ${version}`);
      step.apply(doc);
      version += 1;
      ran += 1;
    }
    if (ran > 0) meta.set('schemaVersion', version);
  }, ORIGIN_MIGRATION);
  return ran;
}
