// "Add column": the kind of column, the connected account it reads, and what the kind needs besides
// (a list of that account, a search query, a feed address). The server's refusal is shown above the form.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ACCOUNT_COLUMN_KINDS, COLUMN_KINDS, type ColumnKind } from '../../core/streams/streamTypes.ts';
import type { SocialAccount } from '../api/apiTypes.ts';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';
import { useListeningQueries } from '../listening/listeningApi.ts';
import { ColumnKindIcon } from './ColumnKindIcon.tsx';
import { StreamsDialog } from './StreamsDialog.tsx';
import { type Column, type NewColumn, useAccountLists, useAddColumn } from './streamsApi.ts';

/** Networks Streams reads from; other connected accounts only publish. */
const STREAM_NETWORKS = new Set(['bluesky', 'mastodon']);

export function streamAccounts(accounts: readonly SocialAccount[]): SocialAccount[] {
  return accounts.filter((account) => STREAM_NETWORKS.has(account.network));
}

export function AddColumnDialog({
  workspaceId,
  boardId,
  accounts,
  onClose,
  onAdded,
}: {
  workspaceId: string;
  boardId: string;
  accounts: SocialAccount[];
  onClose: () => void;
  onAdded: (column: Column) => void;
}) {
  const { t } = useTranslation();
  const readable = streamAccounts(accounts);
  const [kind, setKind] = useState<ColumnKind>(readable.length > 0 ? 'home' : 'rss');
  const [accountId, setAccountId] = useState(readable[0]?.id ?? '');
  const [listId, setListId] = useState('');
  const [query, setQuery] = useState('');
  const [feedUrl, setFeedUrl] = useState('');
  const [listeningQueryId, setListeningQueryId] = useState('');
  const listeningQueries = useListeningQueries(workspaceId);
  const listeningFieldId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const add = useAddColumn(workspaceId, boardId);
  const needsAccount = ACCOUNT_COLUMN_KINDS.includes(kind);
  const lists = useAccountLists(workspaceId, kind === 'list' && accountId ? accountId : null);
  const accountFieldId = useId();
  const listFieldId = useId();
  const kindHintId = useId();
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const serverFields = fieldErrors(add.error);

  const build = (): NewColumn | string => {
    if (needsAccount && !accountId) return t('streams.addColumn.errors.account');
    if (kind === 'list' && !listId) return t('streams.addColumn.errors.list');
    if (kind === 'search' && !query.trim()) return t('streams.addColumn.errors.query');
    if (kind === 'rss' && !feedUrl.trim()) return t('streams.addColumn.errors.feedUrl');
    if (kind === 'listening' && !listeningQueryId) return t('streams.addColumn.errors.listening');
    const list = lists.data?.find((entry) => entry.id === listId);
    return {
      kind,
      ...(needsAccount || (kind === 'scheduled' && accountId) ? { accountId } : {}),
      ...(kind === 'list' ? { listId, listName: list?.name } : {}),
      ...(kind === 'search' ? { query: query.trim() } : {}),
      ...(kind === 'rss' ? { feedUrl: feedUrl.trim() } : {}),
      ...(kind === 'listening' ? { queryId: listeningQueryId } : {}),
    };
  };

  return (
    <StreamsDialog title={t('streams.addColumn.title')} onClose={onClose} testId="add-column-dialog" wide>
      {({ close }) => (
        <form
          className="streams-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const input = build();
            if (typeof input === 'string') {
              setProblem(input);
              return;
            }
            setProblem(null);
            add.mutate(input, {
              onSuccess: (column) => {
                close();
                onAdded(column);
              },
            });
          }}
        >
          {problem ? (
            <div className="alert alert-error" role="alert">
              {problem}
            </div>
          ) : (
            <FormAlert error={add.error} fieldNames={['query', 'feedUrl']} />
          )}
          <fieldset className="column-kind-choices" aria-describedby={kindHintId}>
            <legend>{t('streams.addColumn.kind')}</legend>
            <p id={kindHintId} className="field-hint">
              {t('streams.addColumn.kindHint')}
            </p>
            <div className="column-kind-grid">
              {COLUMN_KINDS.map((option) => {
                const disabled = ACCOUNT_COLUMN_KINDS.includes(option) && readable.length === 0;
                return (
                  <label
                    key={option}
                    className={`column-kind-choice${kind === option ? ' is-chosen' : ''}${disabled ? ' is-disabled' : ''}`}
                  >
                    <input
                      type="radio"
                      name="kind"
                      value={option}
                      checked={kind === option}
                      disabled={disabled}
                      onChange={() => {
                        setKind(option);
                        setProblem(null);
                      }}
                    />
                    <ColumnKindIcon kind={option} size={20} />
                    <span className="column-kind-text">
                      <span className="column-kind-name">{t(`streams.kinds.${option}`)}</span>
                      <span className="column-kind-about">{t(`streams.kindAbout.${option}`)}</span>
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>

          {readable.length === 0 && (
            <p className="alert alert-warning">
              {t('streams.addColumn.noAccounts')}{' '}
              <Link to={`${base}/settings/accounts`}>{t('streams.connectAccount')}</Link>
            </p>
          )}

          {(needsAccount || kind === 'scheduled') && readable.length > 0 && (
            <div className="field">
              <label htmlFor={accountFieldId}>{t('streams.addColumn.account')}</label>
              <select
                id={accountFieldId}
                className="select streams-select"
                value={accountId}
                onChange={(event) => {
                  setAccountId(event.target.value);
                  setListId('');
                }}
              >
                {kind === 'scheduled' && <option value="">{t('streams.addColumn.allAccounts')}</option>}
                {(kind === 'scheduled' ? accounts : readable).map((account) => (
                  <option key={account.id} value={account.id}>
                    @{account.handle} ({t(`accounts.networks.${account.network}`)})
                  </option>
                ))}
              </select>
            </div>
          )}

          {kind === 'list' && accountId && (
            <div className="field">
              <label htmlFor={listFieldId}>{t('streams.addColumn.list')}</label>
              {lists.isPending && <p className="muted small">{t('common.loading')}</p>}
              {lists.isError && <FormAlert error={lists.error} />}
              {lists.isSuccess && lists.data.length === 0 && (
                <p className="field-hint">
                  {t('streams.addColumn.noLists')} <Link to={`${base}/lists`}>{t('streams.openLists')}</Link>
                </p>
              )}
              {lists.isSuccess && lists.data.length > 0 && (
                <select
                  id={listFieldId}
                  className="select streams-select"
                  value={listId}
                  onChange={(event) => setListId(event.target.value)}
                >
                  <option value="">{t('streams.addColumn.chooseList')}</option>
                  {lists.data.map((list) => (
                    <option key={list.id} value={list.id}>
                      {list.name}
                    </option>
                  ))}
                </select>
              )}
            </div>
          )}

          {kind === 'search' && (
            <TextField
              label={t('streams.addColumn.query')}
              name="query"
              value={query}
              onChange={setQuery}
              hint={t('streams.addColumn.queryHint')}
              error={serverFields.query}
            />
          )}

          {kind === 'rss' && (
            <TextField
              label={t('streams.addColumn.feedUrl')}
              name="feedUrl"
              value={feedUrl}
              onChange={setFeedUrl}
              hint={t('streams.addColumn.feedUrlHint')}
              error={serverFields.feedUrl}
            />
          )}

          {kind === 'listening' && (
            <div className="field">
              <label htmlFor={listeningFieldId}>{t('streams.addColumn.listening')}</label>
              {listeningQueries.isPending && <p className="muted small">{t('common.loading')}</p>}
              {listeningQueries.isError && <FormAlert error={listeningQueries.error} />}
              {listeningQueries.isSuccess && listeningQueries.data.length === 0 && (
                <p className="field-hint">
                  {t('streams.addColumn.noListening')}{' '}
                  <Link to={`${base}/listening/new`}>{t('streams.addColumn.newListening')}</Link>
                </p>
              )}
              {listeningQueries.isSuccess && listeningQueries.data.length > 0 && (
                <select
                  id={listeningFieldId}
                  className="select streams-select"
                  value={listeningQueryId}
                  onChange={(event) => setListeningQueryId(event.target.value)}
                >
                  <option value="">{t('streams.addColumn.chooseListening')}</option>
                  {listeningQueries.data.map((listening) => (
                    <option key={listening.id} value={listening.id}>
                      {listening.name}
                    </option>
                  ))}
                </select>
              )}
            </div>
          )}

          <div className="streams-dialog-buttons">
            <button type="button" className="button button-ghost" onClick={close} disabled={add.isPending}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={add.isPending}>
              {add.isPending ? t('streams.addColumn.adding') : t('streams.addColumn.submit')}
            </button>
          </div>
        </form>
      )}
    </StreamsDialog>
  );
}
