// Writing a listening query: its name, the query text with a live syntax check and the syntax help
// beside it, a live preview against the latest stored mentions, the Mastodon instances and feeds to
// read, and when to raise an alert. Saving shows the server's objections beside their fields.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { WorkspaceSummary } from '../api/apiTypes.ts';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { TextField } from '../components/TextField.tsx';
import { type ListeningQuery, useDeleteQuery, useListeningQuery, useSaveQuery } from './listeningApi.ts';
import { listeningPath, queryPagePath, writesQueries } from './listeningPaths.ts';
import { QueryPreview } from './QueryPreview.tsx';
import { QueryTextField } from './QueryTextField.tsx';
import {
  bodyFromForm,
  fieldMessages,
  formFromQuery,
  NEW_QUERY,
  type NumberField,
  type QueryFormValues,
} from './queryForm.ts';
import { SyntaxHelp } from './SyntaxHelp.tsx';

export function QueryEditorPage({ workspace, queryId }: { workspace: WorkspaceSummary; queryId?: string }) {
  const { t } = useTranslation();
  const existing = useListeningQuery(workspace.id, queryId ?? '');
  const title = queryId ? t('listening.editor.editTitle') : t('listening.editor.newTitle');
  return (
    <div className="page listening-page" data-testid="query-editor">
      <nav className="listening-breadcrumb" aria-label={t('listening.breadcrumb')}>
        <Link to={queryId ? queryPagePath(workspace.id, queryId) : listeningPath(workspace.id)}>
          {queryId ? t('listening.editor.backToQuery') : t('listening.backToList')}
        </Link>
      </nav>
      <div className="page-header">
        <p className="eyebrow">{t('listening.eyebrow')}</p>
        <h1>{title}</h1>
        <p className="muted">{t('listening.editor.intro')}</p>
      </div>
      {!writesQueries(workspace.role) ? (
        <div className="alert alert-warning">{t('listening.editor.readOnly')}</div>
      ) : !queryId ? (
        <QueryEditor workspaceId={workspace.id} />
      ) : existing.isPending ? (
        <LoadingScreen />
      ) : existing.isError ? (
        <FormAlert error={existing.error} />
      ) : (
        <QueryEditor workspaceId={workspace.id} query={existing.data} />
      )}
    </div>
  );
}

function QueryEditor({ workspaceId, query }: { workspaceId: string; query?: ListeningQuery }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveQuery(workspaceId);
  const remove = useDeleteQuery(workspaceId);
  const [values, setValues] = useState<QueryFormValues>(() => (query ? formFromQuery(query) : NEW_QUERY));
  const [notNumbers, setNotNumbers] = useState<NumberField[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { messages, shown } = fieldMessages(fieldErrors(save.error));
  const set = <K extends keyof QueryFormValues>(field: K, value: QueryFormValues[K]) => {
    setValues((before) => ({ ...before, [field]: value }));
    setNotNumbers((before) => before.filter((name) => name !== field));
  };
  const numberError = (field: NumberField) =>
    notNumbers.includes(field) ? t('listening.editor.notNumber') : messages[field];

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = bodyFromForm(values);
    if (!result.ok) {
      setNotNumbers(result.notNumbers);
      return;
    }
    save.mutate(
      { queryId: query?.id, input: result.body },
      { onSuccess: (saved) => navigate(queryPagePath(workspaceId, saved.id)) },
    );
  };

  return (
    <div className="listening-editor">
      <form className="listening-editor-form" onSubmit={submit} noValidate>
        <section className="card form">
          <TextField
            label={t('listening.editor.name')}
            name="name"
            value={values.name}
            onChange={(value) => set('name', value)}
            hint={t('listening.editor.nameHint')}
            error={messages.name}
            required
          />
          <QueryTextField
            value={values.query}
            onChange={(value) => set('query', value)}
            serverError={messages.query}
          />
          <CheckboxRow
            label={t('listening.editor.active')}
            hint={t('listening.editor.activeHint')}
            checked={values.active}
            onChange={(checked) => set('active', checked)}
          />
          <CheckboxRow
            label={t('listening.editor.ownBrand')}
            hint={t('listening.editor.ownBrandHint')}
            checked={values.ownBrand}
            onChange={(checked) => set('ownBrand', checked)}
          />
        </section>

        <QueryPreview workspaceId={workspaceId} query={values.query} />

        <section className="card form" aria-labelledby="listening-sources-heading">
          <h2 id="listening-sources-heading">{t('listening.editor.sourcesHeading')}</h2>
          <p className="muted listening-card-intro">{t('listening.editor.sourcesIntro')}</p>
          <TextAreaField
            textareaClassName="listening-lines"
            spellCheck={false}
            label={t('listening.editor.mastodonInstances')}
            hint={t('listening.editor.mastodonInstancesHint')}
            name="mastodonInstances"
            value={values.mastodonInstances}
            onChange={(value) => set('mastodonInstances', value)}
            error={messages.mastodonInstances}
          />
          <TextAreaField
            textareaClassName="listening-lines"
            spellCheck={false}
            label={t('listening.editor.feedUrls')}
            hint={t('listening.editor.feedUrlsHint')}
            name="feedUrls"
            value={values.feedUrls}
            onChange={(value) => set('feedUrls', value)}
            error={messages.feedUrls}
          />
        </section>

        <section className="card form" aria-labelledby="listening-alert-settings-heading">
          <h2 id="listening-alert-settings-heading">{t('listening.editor.alertsHeading')}</h2>
          <p className="muted listening-card-intro">{t('listening.editor.alertsIntro')}</p>
          <div className="listening-number-grid">
            {(['spikeSigma', 'spikeMinCount', 'negativeJumpPoints', 'alertCooldownMinutes'] as const).map(
              (field) => (
                <TextField
                  inputMode="decimal"
                  key={field}
                  label={t(`listening.editor.${field}`)}
                  hint={t(`listening.editor.${field}Hint`)}
                  name={field}
                  value={values[field]}
                  onChange={(value) => set(field, value)}
                  error={numberError(field)}
                />
              ),
            )}
          </div>
          <CheckboxRow
            label={t('listening.editor.alertEmail')}
            hint={t('listening.editor.alertEmailHint')}
            checked={values.alertEmail}
            onChange={(checked) => set('alertEmail', checked)}
          />
        </section>

        <FormAlert error={save.error} fieldNames={shown} />
        <div className="listening-editor-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={save.isPending}
            data-testid="save-query"
          >
            {query ? t('listening.editor.saveChanges') : t('listening.editor.create')}
          </button>
          <Link
            className="button button-secondary"
            to={query ? queryPagePath(workspaceId, query.id) : listeningPath(workspaceId)}
          >
            {t('listening.editor.cancel')}
          </Link>
          {query && !confirmDelete && (
            <button
              type="button"
              className="button button-ghost listening-delete"
              onClick={() => setConfirmDelete(true)}
            >
              {t('listening.editor.delete')}
            </button>
          )}
        </div>
        {query && confirmDelete && (
          <div className="alert alert-warning listening-confirm">
            <p>{t('listening.editor.deleteConfirm', { name: query.name })}</p>
            <div className="listening-editor-actions">
              <button
                type="button"
                className="button button-danger"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(query.id, {
                    onSuccess: () => navigate(listeningPath(workspaceId), { replace: true }),
                  })
                }
              >
                {t('listening.editor.deleteYes')}
              </button>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setConfirmDelete(false)}
              >
                {t('listening.editor.deleteNo')}
              </button>
            </div>
            <FormAlert error={remove.error} />
          </div>
        )}
      </form>
      <SyntaxHelp />
    </div>
  );
}

function CheckboxRow({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="checkbox-row">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id}>
        <strong>{label}</strong>
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      </label>
    </div>
  );
}
