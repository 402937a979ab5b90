import { writeFileSync } from 'node:fs';
import { assembleFromDocs } from '../../shared/model';
import { generateSampleSoa } from '../../shared/sample/generateSample';
import { exportSoaDocx, suggestedExportFileName } from '../../shared/export';
const sample = generateSampleSoa({ seed: 1 });
let t = performance.now();
const snapshot = assembleFromDocs(sample.frame, sample.partnerDocs);
console.log('assemble', performance.now() - t);
for (let i = 0; i < 3; i++) {
  t = performance.now();
  const bytes = await exportSoaDocx(snapshot, { scope: { kind: 'whole' }, generatedOn: '2013-03-28' });
  console.log('export', performance.now() - t, bytes.length);
  writeFileSync('/tmp/exp/sample.docx', bytes);
}
console.log(suggestedExportFileName(snapshot, { scope: { kind: 'whole' }, generatedOn: '2013-03-28' }), snapshot.outcomes.length, snapshot.partners.length, snapshot.outcomes.reduce((s, o) => s + o.indicators.length, 0), snapshot.allAgreed);
