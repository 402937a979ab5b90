/**
 * `soa-relay export --changes-since <versionId>`: the SOA as stored now with its differences from a named
 * version as Word tracked changes (shared/export/tracked), each change by the member who made it.
 */
import type { ExportOptions } from '../../shared/export';
import { assembleFromDocs, type SoaSnapshot } from '../../shared/model/assemble';
import type { Directory } from '../db/directory';

export async function exportChangesSince(
  directory: Directory,
  soaId: string,
  versionId: string,
  now: SoaSnapshot,
  options: ExportOptions,
): Promise<Uint8Array> {
  // The version's rooms are read only if its document is not already kept (shared/export/tracked), in this
  // process or in the database by an earlier one (server/db/derivedStore.ts).
  const derived = directory.derived();
  const version = {
    versionId,
    read: () => {
      const content = directory.versions().read(soaId, versionId);
      return assembleFromDocs(content.frame, content.partnerDocs);
    },
    durable: {
      read: (options: string) => derived.versionDocument(versionId, options),
      keep: (options: string, xml: string) => derived.keepVersionDocument(versionId, options, xml),
      readDiffs: (options: string) => derived.versionDiffs(versionId, options),
      keepDiffs: (options: string, diffs: string) => derived.keepVersionDiffs(versionId, options, diffs),
    },
  };
  const compared = directory.compareVersion(soaId, versionId);
  const { exportChangesSinceDocx } = await import('../../shared/export/tracked');
  const people = new Map(
    [...compared.members].map(([memberId, member]) => [
      memberId,
      { name: member.name, partnerName: member.partnerName },
    ]),
  );
  return exportChangesSinceDocx(version, now, options, {
    comparison: compared.comparison,
    people,
  });
}
