// Publisher → Bulk import: choose a CSV file, say how to read it, check every row on the server (the
// dry run), then schedule all the posts at once — or none, while any row has a problem.
import './BulkImportPage.css';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccounts } from '../api/accountQueries.ts';
import { ApiError } from '../api/apiClient.ts';
import { type ChosenFile, ImportFileCard } from '../bulkImport/ImportFileCard.tsx';
import { ImportRowsTable, type LateProblems } from '../bulkImport/ImportRowsTable.tsx';
import { type ImportSettings, ImportSettingsCard } from '../bulkImport/ImportSettingsCard.tsx';
import {
  type ImportPlan,
  type ImportRequest,
  MAX_REQUEST_BYTES,
  useDryRun,
  useRunImport,
} from '../bulkImport/importApi.ts';
import { plannerDay, useImportFormat } from '../bulkImport/importFormat.ts';
import { problemText } from '../bulkImport/problemText.ts';
import { browserTimeZone } from '../bulkImport/timeZones.ts';
import { FormAlert, SuccessNotice } from '../components/FormAlert.tsx';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';

/** Month first only where people write dates that way. */
function defaultDateFormat(): ImportSettings['dateFormat'] {
  return navigator.language === 'en-US' ? 'MDY' : 'DMY';
}

/** The rows an import answer names (`rows.12`: "…"), as problems found only when scheduling. */
function lateProblemsOf(fields: Record<string, string>): LateProblems {
  const late: LateProblems = {};
  for (const [field, message] of Object.entries(fields)) {
    const row = /^rows\.(\d+)$/.exec(field)?.[1];
    if (row) late[Number(row)] = [{ code: 'server', message, params: {} }];
  }
  return late;
}

export function BulkImportPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const base = `/w/${encodeURIComponent(workspace.id)}`;

  return (
    <div className="page bulk-import-page">
      <div className="page-header">
        <p className="eyebrow">{t('sections.publisher.title')}</p>
        <h1>{t('bulkImport.title')}</h1>
        <p className="muted">{t('bulkImport.intro')}</p>
        <p>
          <Link to={`${base}/publisher`}>{t('bulkImport.backToPlanner')}</Link>
        </p>
      </div>
      {workspace.role === 'viewer' ? (
        <p className="alert alert-warning">{t('bulkImport.viewerNotice')}</p>
      ) : (
        <BulkImport workspaceId={workspace.id} needsApproval={workspace.role === 'contributor'} />
      )}
    </div>
  );
}

function BulkImport({ workspaceId, needsApproval }: { workspaceId: string; needsApproval: boolean }) {
  const { t } = useTranslation();
  const accounts = useAccounts(workspaceId);
  const dryRun = useDryRun(workspaceId);
  const run = useRunImport(workspaceId);
  const [file, setFile] = useState<ChosenFile | undefined>(undefined);
  const [settings, setSettings] = useState<ImportSettings>(() => ({
    dateFormat: defaultDateFormat(),
    timeZone: browserTimeZone(),
    header: 'auto',
    accountIds: [],
  }));
  const [accountsTouched, setAccountsTouched] = useState(false);
  const [late, setLate] = useState<LateProblems>({});
  const [tooLarge, setTooLarge] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const format = useImportFormat(settings.timeZone);

  // With a single account there is nothing to choose.
  const only = accounts.data?.length === 1 ? accounts.data[0]!.id : undefined;
  useEffect(() => {
    if (only && !accountsTouched) setSettings((current) => ({ ...current, accountIds: [only] }));
  }, [only, accountsTouched]);

  useEffect(() => {
    if (!run.isPending) return;
    const started = Date.now();
    setElapsed(0);
    const timer = setInterval(() => setElapsed(Math.round((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [run.isPending]);

  const request: ImportRequest | undefined = file && {
    csv: file.text,
    timeZone: settings.timeZone,
    dateFormat: settings.dateFormat,
    accountIds: settings.accountIds,
    ...(settings.header === 'auto' ? {} : { hasHeader: settings.header === 'yes' }),
  };

  // A check is for one file read one way: any change asks for a new one.
  const startOver = () => {
    dryRun.reset();
    run.reset();
    setLate({});
    setTooLarge(false);
  };

  const check = () => {
    if (!request) return;
    startOver();
    if (new Blob([JSON.stringify(request)]).size > MAX_REQUEST_BYTES) {
      setTooLarge(true);
      return;
    }
    dryRun.mutate(request);
  };

  const schedule = () => {
    if (!request) return;
    setLate({});
    run.mutate(request, {
      onError: (error) => {
        if (error instanceof ApiError && error.code === 'import_has_problems') {
          setLate(lateProblemsOf(error.fields));
          // Rows may have changed since the check (a time that has passed): show them as they are now.
          dryRun.mutate(request);
        }
      },
    });
  };

  const plan = dryRun.data;
  const exampleHandle =
    accounts.data?.find((a) => settings.accountIds.includes(a.id))?.handle ?? accounts.data?.[0]?.handle;

  return (
    <>
      {needsApproval && (
        <p className="alert alert-warning import-notice">{t('bulkImport.contributorNotice')}</p>
      )}
      <ImportFileCard
        file={file}
        onFile={(chosen) => {
          setFile(chosen);
          startOver();
        }}
        dateFormat={settings.dateFormat}
        timeZone={settings.timeZone}
        exampleHandle={exampleHandle}
      />
      <ImportSettingsCard
        workspaceId={workspaceId}
        settings={settings}
        onChange={(next) => {
          if (next.accountIds !== settings.accountIds) setAccountsTouched(true);
          setSettings(next);
          startOver();
        }}
        accounts={accounts.data}
      />
      <div className="import-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={check}
          disabled={!file || dryRun.isPending || run.isPending}
          data-testid="import-check"
        >
          {dryRun.isPending ? t('bulkImport.checking') : t('bulkImport.check')}
        </button>
        {!file && <span className="muted">{t('bulkImport.chooseFileFirst')}</span>}
      </div>
      {tooLarge && (
        <p className="alert alert-error" role="alert">
          {t('bulkImport.file.tooLarge', {
            size: t('bulkImport.file.size', { kb: format.number(Math.ceil((file?.size ?? 0) / 1024)) }),
            max: t('bulkImport.file.size', { kb: format.number(MAX_REQUEST_BYTES / 1024) }),
          })}
        </p>
      )}
      {dryRun.isError && <FormAlert error={dryRun.error} />}
      {plan && (
        <ImportResults
          plan={plan}
          late={late}
          timeZone={settings.timeZone}
          needsApproval={needsApproval}
          run={run}
          elapsed={elapsed}
          onSchedule={schedule}
          workspaceId={workspaceId}
          onAnother={() => {
            setFile(undefined);
            startOver();
          }}
        />
      )}
    </>
  );
}

function ImportResults({
  plan,
  late,
  timeZone,
  needsApproval,
  run,
  elapsed,
  onSchedule,
  workspaceId,
  onAnother,
}: {
  plan: ImportPlan;
  late: LateProblems;
  timeZone: string;
  needsApproval: boolean;
  run: ReturnType<typeof useRunImport>;
  elapsed: number;
  onSchedule: () => void;
  workspaceId: string;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const format = useImportFormat(timeZone);
  const { summary } = plan;
  const ready = plan.problems.length === 0 && summary.rowsWithProblems === 0;
  // All or nothing: while rows have problems, the button names every row, not only the ready ones.
  const posts = ready ? summary.posts : summary.rows;
  const count = { count: posts, formatted: format.number(posts) };
  const result = run.data;

  return (
    <section
      className="card import-card"
      aria-labelledby="import-results-heading"
      data-testid="import-results"
    >
      <div className="card-header">
        <h2 id="import-results-heading">{t('bulkImport.results.title')}</h2>
      </div>
      <p className="import-summary" data-testid="import-summary">
        {t('bulkImport.results.summary', {
          rows: format.number(summary.rows),
          ready: format.number(summary.posts),
          problems: format.number(summary.rowsWithProblems),
        })}
      </p>
      {plan.hasHeader && <p className="muted small">{t('bulkImport.results.headerRead')}</p>}
      {plan.ignoredColumns.length > 0 && (
        <p className="muted small">
          {t('bulkImport.results.ignoredColumns', { columns: plan.ignoredColumns.join(', ') })}
        </p>
      )}
      {plan.problems.map((problem) => (
        <p key={problem.code} className="alert alert-error" data-testid="import-file-problem">
          {problemText(problem, t, format.number, 'fileProblems')}
        </p>
      ))}
      {summary.rowsWithProblems > 0 && (
        <p className="alert alert-warning">{t('bulkImport.results.fixAndCheck')}</p>
      )}
      {ready && !result && <SuccessNotice>{t('bulkImport.results.allReady')}</SuccessNotice>}
      <ImportRowsTable plan={plan} lateProblems={late} timeZone={timeZone} />
      <div className="import-footer">
        {result ? (
          <div className="import-done" data-testid="import-done">
            <SuccessNotice>
              {t(
                result.status === 'pending_approval'
                  ? 'bulkImport.import.doneApproval'
                  : 'bulkImport.import.done',
                {
                  count: result.posts,
                  formatted: format.number(result.posts),
                  first: format.dateTime(result.firstAt),
                  last: format.dateTime(result.lastAt),
                },
              )}
            </SuccessNotice>
            <div className="import-done-actions">
              <Link
                className="button button-primary"
                to={`/w/${encodeURIComponent(workspaceId)}/publisher?date=${plannerDay(result.firstAt)}`}
              >
                {t('bulkImport.import.openPlanner')}
              </Link>
              <button type="button" className="button button-ghost" onClick={onAnother}>
                {t('bulkImport.import.another')}
              </button>
            </div>
          </div>
        ) : run.isPending ? (
          <div className="import-progress" role="status" data-testid="import-progress">
            <p className="import-progress-title">{t('bulkImport.import.progress', count)}</p>
            <progress aria-label={t('bulkImport.import.progressLabel')} />
            <p className="muted small">
              {t('bulkImport.import.elapsed', { seconds: format.number(elapsed) })}
            </p>
          </div>
        ) : (
          <>
            {run.isError && <FormAlert error={run.error} />}
            <div className="import-schedule">
              <button
                type="button"
                className="button button-primary"
                disabled={!ready || summary.posts === 0}
                onClick={onSchedule}
                data-testid="import-schedule"
              >
                {t(needsApproval ? 'bulkImport.import.buttonApproval' : 'bulkImport.import.button', count)}
              </button>
              <span className="muted small">
                {ready ? t('bulkImport.import.allOrNothing') : t('bulkImport.import.blocked')}
              </span>
            </div>
          </>
        )}
      </div>
    </section>
  );
}
