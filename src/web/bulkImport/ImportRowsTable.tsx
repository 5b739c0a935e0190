// Step 3 of the import page: every row of the file as the dry run read it — its time, message,
// accounts and image — with its problems beside it, or "Ready".
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, ImportProblem, PlannedRow } from './importApi.ts';
import { useImportFormat } from './importFormat.ts';
import { problemText } from './problemText.ts';

/** Problems found only when scheduling (an image that could not be fetched), by row number. */
export type LateProblems = Record<number, ImportProblem[]>;

export function ImportRowsTable({
  plan,
  lateProblems,
  timeZone,
}: {
  plan: ImportPlan;
  lateProblems: LateProblems;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const format = useImportFormat(timeZone);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const filterId = useId();
  // A problem found when scheduling is shown unless a fresh check already names the row's problems.
  const problemsOf = (row: PlannedRow) =>
    row.problems.length > 0 ? row.problems : (lateProblems[row.row] ?? []);
  const withProblems = plan.rows.filter((row) => problemsOf(row).length > 0).length;
  const hasImages = plan.rows.some((row) => row.imageUrl);
  const shown = onlyProblems ? plan.rows.filter((row) => problemsOf(row).length > 0) : plan.rows;

  return (
    <>
      {withProblems > 0 && (
        <div className="import-filter">
          <input
            id={filterId}
            type="checkbox"
            checked={onlyProblems}
            onChange={(event) => setOnlyProblems(event.target.checked)}
          />
          <label htmlFor={filterId}>{t('bulkImport.results.onlyProblems')}</label>
        </div>
      )}
      <div className="table-wrap import-table-wrap">
        <table className="table import-table" data-testid="import-table">
          <caption className="visually-hidden">{t('bulkImport.results.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bulkImport.results.columns.row')}</th>
              <th scope="col">{t('bulkImport.results.columns.time')}</th>
              <th scope="col">{t('bulkImport.results.columns.message')}</th>
              <th scope="col">{t('bulkImport.results.columns.accounts')}</th>
              {hasImages && <th scope="col">{t('bulkImport.results.columns.image')}</th>}
              <th scope="col">{t('bulkImport.results.columns.problems')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => {
              const problems = problemsOf(row);
              return (
                <tr
                  key={row.row}
                  className={problems.length > 0 ? 'import-row-problem' : undefined}
                  data-testid="import-row"
                  data-row={row.row}
                >
                  <th scope="row" className="import-row-number">
                    {format.number(row.row)}
                  </th>
                  <td className="import-time">{row.scheduledAt ? format.dateTime(row.scheduledAt) : '—'}</td>
                  <td className="import-message">{row.text}</td>
                  <td className="import-accounts-cell">
                    {row.accounts.map((account) => (
                      <span key={account.id} className="import-handle">
                        @{account.handle}
                      </span>
                    ))}
                  </td>
                  {hasImages && (
                    <td className="import-image">
                      {row.imageUrl && (
                        <>
                          <span className="import-image-url">{row.imageUrl}</span>
                          {row.imageAlt && (
                            <span className="muted small">
                              {t('bulkImport.results.imageAlt', { alt: row.imageAlt })}
                            </span>
                          )}
                        </>
                      )}
                    </td>
                  )}
                  <td className="import-problems" data-testid="import-row-problems">
                    {problems.length === 0 ? (
                      <span className="import-ready">{t('bulkImport.results.ready')}</span>
                    ) : (
                      <ul>
                        {problems.map((problem) => (
                          <li key={`${problem.code} ${problem.message}`}>
                            {problemText(problem, t, format.number)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
