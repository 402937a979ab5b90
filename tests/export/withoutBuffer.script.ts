/**
 * Run by browserLike.test.ts in a process of its own: exports the small SOA with Node's Buffer removed
 * before the export (and docx) load, as in a browser renderer, and prints what came out.
 */
Reflect.deleteProperty(globalThis, 'Buffer');
const { exportSoaDocx } = await import('../../shared/export');
const { smallSoa } = await import('./fixtures');
const bytes = await exportSoaDocx(smallSoa().snapshot, { scope: { kind: 'whole' }, generatedOn: '2013-03-28' });
console.log(
  JSON.stringify({
    type: bytes.constructor.name,
    length: bytes.length,
    magic: String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0),
  }),
);

export {};
