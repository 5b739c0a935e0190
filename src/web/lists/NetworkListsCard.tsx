// The chosen account's lists on its network: name, description, how many people, a link to the list on the
// network; and, for roles that may change lists, making a list, editing one and deleting one after a
// confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SocialAccount } from '../api/apiTypes.ts';
import { errorMessage, FormAlert, SuccessNotice } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { ListForm } from './ListForm.tsx';
import { listsPagePath } from './listsPaths.ts';
import {
  type NetworkList,
  useCreateList,
  useDeleteList,
  useNetworkLists,
  useUpdateList,
} from './listsQueries.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; list: NetworkList } | undefined;

export function NetworkListsCard({
  workspaceId,
  account,
  openListId,
  canManage,
  onListGone,
}: {
  workspaceId: string;
  account: SocialAccount;
  openListId: string | undefined;
  canManage: boolean;
  onListGone: (listId: string) => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const lists = useNetworkLists(workspaceId, account.id);
  const create = useCreateList(workspaceId, account.id);
  const update = useUpdateList(workspaceId, account.id);
  const remove = useDeleteList(workspaceId, account.id);
  const [editing, setEditing] = useState<Editing>(undefined);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const networkName = t(`accounts.networks.${account.network}`);

  const startEditing = (next: Editing) => {
    create.reset();
    update.reset();
    setNotice(undefined);
    setEditing(next);
  };

  return (
    <section className="card lists-card" aria-labelledby="lists-heading" data-testid="network-lists">
      <div className="card-header">
        <h2 id="lists-heading">{t('lists.lists.title', { handle: account.handle })}</h2>
        {canManage && editing?.mode !== 'create' && (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => startEditing({ mode: 'create' })}
          >
            {t('lists.lists.new')}
          </button>
        )}
      </div>
      {notice && <SuccessNotice>{notice}</SuccessNotice>}
      <FormAlert error={remove.error} />
      {editing?.mode === 'create' && (
        <ListForm
          network={account.network}
          heading={t('lists.form.createHeading')}
          submitLabel={t('lists.form.create')}
          pending={create.isPending}
          error={create.error}
          onCancel={() => setEditing(undefined)}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: (list) => {
                setEditing(undefined);
                setNotice(t('lists.lists.created', { name: list.name }));
              },
            })
          }
        />
      )}
      {editing?.mode === 'edit' && (
        <ListForm
          key={editing.list.id}
          network={account.network}
          initial={{ name: editing.list.name, description: editing.list.description }}
          heading={t('lists.form.editHeading', { name: editing.list.name })}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onCancel={() => setEditing(undefined)}
          onSubmit={(values) =>
            update.mutate(
              { listId: editing.list.id, ...values },
              {
                onSuccess: (list) => {
                  setEditing(undefined);
                  setNotice(t('lists.lists.saved', { name: list.name }));
                },
              },
            )
          }
        />
      )}
      {lists.isPending && <LoadingScreen />}
      {lists.isError && (
        <div className="alert alert-error" role="alert">
          {errorMessage(lists.error, t)}
        </div>
      )}
      {lists.data && lists.data.length === 0 && (
        <p className="muted" data-testid="lists-empty">
          {canManage ? t('lists.lists.emptyManage', { network: networkName }) : t('lists.lists.empty')}
        </p>
      )}
      {lists.data && lists.data.length > 0 && (
        <div className="table-wrap">
          <table className="table lists-table">
            <caption className="visually-hidden">
              {t('lists.lists.title', { handle: account.handle })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('lists.lists.columns.name')}</th>
                <th scope="col">{t('lists.lists.columns.members')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('lists.lists.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lists.data.map((list) => {
                const open = list.id === openListId;
                return (
                  <tr key={list.id} className={open ? 'is-open' : undefined} data-testid="list-row">
                    <td>
                      <Link
                        className="lists-name-link"
                        to={listsPagePath(workspaceId, { accountId: account.id, listId: list.id })}
                        aria-current={open ? 'true' : undefined}
                      >
                        {list.name}
                      </Link>
                      {list.description && <p className="lists-description">{list.description}</p>}
                    </td>
                    <td className="nowrap">
                      {list.memberCount === undefined
                        ? '—'
                        : t('lists.lists.memberCount', {
                            count: list.memberCount,
                            formatted: number(list.memberCount),
                          })}
                    </td>
                    <td className="actions">
                      {confirming === list.id ? (
                        <span className="confirm">
                          <span>
                            {t('lists.lists.confirmDelete', { name: list.name, network: networkName })}
                          </span>
                          <button
                            type="button"
                            className="button button-danger button-small"
                            disabled={remove.isPending}
                            onClick={() =>
                              remove.mutate(list.id, {
                                onSuccess: () => {
                                  setConfirming(undefined);
                                  setNotice(t('lists.lists.deleted', { name: list.name }));
                                  onListGone(list.id);
                                },
                              })
                            }
                          >
                            {t('lists.lists.delete')}
                          </button>
                          <button
                            type="button"
                            className="button button-ghost button-small"
                            onClick={() => setConfirming(undefined)}
                          >
                            {t('common.cancel')}
                          </button>
                        </span>
                      ) : (
                        <span className="lists-row-actions">
                          {list.url && (
                            <a
                              className="button button-ghost button-small"
                              href={list.url}
                              target="_blank"
                              rel="noreferrer"
                              aria-label={t('lists.lists.viewOnNetworkNamed', {
                                name: list.name,
                                network: networkName,
                              })}
                            >
                              {t('lists.lists.viewOnNetwork', { network: networkName })}
                            </a>
                          )}
                          {canManage && (
                            <>
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                onClick={() => startEditing({ mode: 'edit', list })}
                                aria-label={t('lists.lists.editNamed', { name: list.name })}
                              >
                                {t('lists.lists.edit')}
                              </button>
                              <button
                                type="button"
                                className="button button-ghost button-small"
                                onClick={() => {
                                  remove.reset();
                                  setConfirming(list.id);
                                }}
                                aria-label={t('lists.lists.deleteNamed', { name: list.name })}
                              >
                                {t('lists.lists.delete')}
                              </button>
                            </>
                          )}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
