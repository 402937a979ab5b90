/**
 * "Import values from a CSV file" (issue 18): choose the file, map its columns once (remembered on this
 * computer for files with the same header row), see what will change and every bad row with its line
 * number, then import, only into the importer's own room and only for indicators it records. Nothing is
 * written before the officer presses Import, nor while any row has a problem. The CSV code (papaparse) is
 * fetched when a file is chosen, not with the first screen.
 */
import { useId, useState, type ChangeEvent } from 'react';
import type { ColumnMapping, ImportPlan, MappedField } from '../../../shared/import/valuesImport';
import type { CsvTable } from '../../../shared/import/csvTable';
import type { PartnerId, RoomOwner } from '../../../shared/model';
import { countOf } from '../../../shared/text/plural';
import { useDocState, useWorkspace } from '../hooks';
import { sectionOf, useProgress } from './useProgress';

type ImportModule = typeof import('../../../shared/import/valuesImport') &
  typeof import('../../../shared/import/csvTable');

const FIELDS: readonly MappedField[] = ['indicator', 'area', 'year', 'value', 'source'];
const LABELS: Readonly<Record<MappedField, string>> = {
  indicator: 'Indicator',
  area: 'Area (optional)',
  year: 'Year',
  value: 'Value',
  source: 'Source (optional)',
};
const MAPPING_KEY = 'soa-studio:csv-mappings';

function rememberedMapping(signature: string): Record<MappedField, number | null> | null {
  try {
    const stored = JSON.parse(localStorage.getItem(MAPPING_KEY) ?? '{}') as Record<
      string,
      Record<MappedField, number | null>
    >;
    return stored[signature] ?? null;
  } catch {
    return null;
  }
}

function rememberMapping(signature: string, mapping: Record<MappedField, number | null>): void {
  try {
    const stored = JSON.parse(localStorage.getItem(MAPPING_KEY) ?? '{}') as Record<string, unknown>;
    localStorage.setItem(MAPPING_KEY, JSON.stringify({ ...stored, [signature]: mapping }));
  } catch {
    // Only a convenience: the officer maps the columns again next time.
  }
}

export function ImportValues() {
  const workspace = useWorkspace();
  const { soa, frame } = useDocState();
  const progress = useProgress();
  const id = useId();
  const identity = workspace.identity;
  const [localOwner, setLocalOwner] = useState<string>('coordinators');
  const importer: RoomOwner =
    identity.kind === 'member'
      ? identity.role === 'coordinator'
        ? { kind: 'coordinators' }
        : { kind: 'partner', partnerId: identity.partnerId }
      : localOwner === 'coordinators'
        ? { kind: 'coordinators' }
        : { kind: 'partner', partnerId: localOwner as PartnerId };
  const [file, setFile] = useState<{ name: string; table: CsvTable; module: ImportModule } | null>(null);
  const [mapping, setMapping] = useState<Record<MappedField, number | null> | null>(null);
  const [area, setArea] = useState(soa.meta.area);
  const [message, setMessage] = useState<string | null>(null);

  if (identity.kind === 'member' && identity.role === 'reviewer') return null;
  if (!workspace.canWrite(sectionOf(importer))) return null;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setMessage(null);
    setFile(null);
    if (!chosen) return;
    try {
      const [imports, tables] = await Promise.all([
        import('../../../shared/import/valuesImport'),
        import('../../../shared/import/csvTable'),
      ]);
      const module = { ...imports, ...tables } as ImportModule;
      const table = module.readCsv(await chosen.text());
      setFile({ name: chosen.name, table, module });
      setMapping(rememberedMapping(module.headerSignature(table.headers)) ?? module.guessMapping(table.headers));
    } catch (error) {
      setMessage(`The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const complete = mapping && mapping.indicator !== null && mapping.year !== null && mapping.value !== null;
  let plan: ImportPlan | null = null;
  if (file && mapping && complete) {
    const columns: ColumnMapping = {
      indicator: mapping.indicator as number,
      year: mapping.year as number,
      value: mapping.value as number,
      area: mapping.area,
      source: mapping.source,
    };
    plan = file.module.planImport(file.table, columns, {
      frame,
      progress,
      importer,
      area: mapping.area === null ? null : area.trim() || null,
      defaultSource: `Imported from ${file.name}`,
    });
  }
  const changes = plan ? plan.values.filter((value) => value.kind !== 'same') : [];

  const apply = () => {
    if (!file || !plan || !mapping) return;
    try {
      const result = file.module.applyImport(workspace.docOf(sectionOf(importer)), plan);
      rememberMapping(file.module.headerSignature(file.table.headers), mapping);
      setMessage(
        `Imported ${result.added} new ${result.added === 1 ? 'value' : 'values'} and changed ${result.changed} from ${file.name}.`,
      );
      setFile(null);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="import-values">
      <h3>Import values from a CSV file</h3>
      <p className="cell-note">
        From the Community Planning Outcomes Profile, ScotPHO or your own system. Only the indicators you record values
        for are imported.
      </p>
      {identity.kind === 'local' && (
        <div className="field field-inline">
          <label htmlFor={`${id}-as`}>Record the values as</label>
          <select id={`${id}-as`} value={localOwner} onChange={(event) => setLocalOwner(event.target.value)}>
            <option value="coordinators">The coordinators (indicators the partnership leads)</option>
            {soa.partners.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-file`}>CSV file</label>
        <input id={`${id}-file`} type="file" accept=".csv,text/csv" onChange={(event) => void choose(event)} />
      </div>
      {file && mapping && (
        <>
          <fieldset className="csv-mapping">
            <legend>Which column holds what ({countOf(file.table.rows.length, 'row')} in the file)</legend>
            {FIELDS.map((field) => (
              <div className="field" key={field}>
                <label htmlFor={`${id}-${field}`}>{LABELS[field]}</label>
                <select
                  id={`${id}-${field}`}
                  value={mapping[field] === null ? '' : String(mapping[field])}
                  onChange={(event) =>
                    setMapping({ ...mapping, [field]: event.target.value === '' ? null : Number(event.target.value) })
                  }
                >
                  <option value="">{field === 'area' || field === 'source' ? 'None' : 'Choose a column'}</option>
                  {file.table.headers.map((header, index) => (
                    <option key={index} value={index}>
                      {header || `Column ${index + 1}`}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            {mapping.area !== null && (
              <div className="field">
                <label htmlFor={`${id}-area`}>Keep the rows for the area</label>
                <input id={`${id}-area`} value={area} onChange={(event) => setArea(event.target.value)} />
              </div>
            )}
          </fieldset>
          {!complete && <p className="cell-note">Choose the columns for the indicator, the year and the value.</p>}
          {plan && (
            <div className="import-preview" aria-live="polite">
              <p>
                {changes.length === 0
                  ? 'Nothing to change.'
                  : `${changes.filter((value) => value.kind === 'new').length} new and ${changes.filter((value) => value.kind === 'change').length} changed values.`}{' '}
                {plan.otherAreaRows > 0 && `${plan.otherAreaRows} rows for other areas left out. `}
                {plan.unknownIndicators.length > 0 &&
                  `${plan.unknownIndicators.length} indicator names in the file are not in this SOA and are left out: ${plan.unknownIndicators.map((entry) => entry.name).join('; ')}.`}
              </p>
              {plan.problems.length > 0 && (
                <div className="notice notice-warning" role="note">
                  <h4 className="notice-title">Rows to correct before anything is imported</h4>
                  <ul>
                    {plan.problems.map((problem, index) => (
                      <li key={index}>
                        Line {problem.line}: {problem.message}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              {changes.length > 0 && (
                <table className="data-table">
                  <caption className="visually-hidden">Values the import will record</caption>
                  <thead>
                    <tr>
                      <th scope="col">Line</th>
                      <th scope="col">Indicator</th>
                      <th scope="col">Year</th>
                      <th scope="col">Value</th>
                      <th scope="col">Now</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((value) => (
                      <tr key={`${value.line}`}>
                        <td>{value.line}</td>
                        <td>{value.indicatorName}</td>
                        <td>{value.year}</td>
                        <td>{value.value}</td>
                        <td>{value.previous ?? 'No value'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <button type="button" onClick={apply} disabled={plan.problems.length > 0 || changes.length === 0}>
                Import {changes.length} {changes.length === 1 ? 'value' : 'values'}
              </button>
            </div>
          )}
        </>
      )}
      <p role="status" className="cell-note">
        {message}
      </p>
    </div>
  );
}
