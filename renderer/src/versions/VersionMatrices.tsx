/**
 * The vision chapter's two matrices in a version, read-only (versionMatrices.ts): each a table with a caption,
 * a header cell for every column and row, and "Yes" or "No" in words in each cell.
 */
import type { SoaSnapshot } from '../../../shared/model';
import { nationalOutcomeMatrix, priorityMatrix, type Matrix } from './versionMatrices';

export function VersionMatrices({ snapshot }: { readonly snapshot: SoaSnapshot }) {
  if (snapshot.outcomes.length === 0) return null;
  return (
    <>
      <h3>Local outcomes and the six policy priorities</h3>
      <MatrixTable
        matrix={priorityMatrix(snapshot)}
        corner="Local outcome"
        caption="Which policy priorities each local outcome contributes to"
      />
      <h3>Local outcomes and the National Outcomes</h3>
      <MatrixTable
        matrix={nationalOutcomeMatrix(snapshot)}
        corner="National Outcome"
        caption={`Which local outcomes contribute to each National Outcome (${snapshot.framework.name})`}
      />
    </>
  );
}

function MatrixTable({
  matrix,
  corner,
  caption,
}: {
  readonly matrix: Matrix;
  readonly corner: string;
  readonly caption: string;
}) {
  return (
    <div className="table-scroll" role="group" aria-label={caption} tabIndex={0}>
      <table className="data-table version-table version-matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{corner}</th>
            {matrix.columns.map((column, index) => (
              <th scope="col" key={index}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              <th scope="row">{row.heading}</th>
              {row.cells.map((cell, index) => (
                <td key={index} className={cell === 'Yes' ? 'matrix-yes' : 'matrix-no'}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
