// One open list: its name, description and link on the network, the people in it, adding people found by
// search (for roles that may change lists), and opening the list as a Streams column.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SocialAccount } from '../api/apiTypes.ts';
import { AddPeople } from './AddPeople.tsx';
import { ListMembers } from './ListMembers.tsx';
import { listsPagePath } from './listsPaths.ts';
import { type NetworkList, useListMembers } from './listsQueries.ts';
import { OpenAsColumn } from './OpenAsColumn.tsx';

export function ListDetail({
  workspaceId,
  account,
  list,
  canManage,
}: {
  workspaceId: string;
  account: SocialAccount;
  list: NetworkList;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const members = useListMembers(workspaceId, account.id, list.id);
  const memberIds = useMemo(() => new Set((members.data ?? []).map((member) => member.id)), [members.data]);
  const networkName = t(`accounts.networks.${account.network}`);

  return (
    <section className="card lists-detail" aria-labelledby="list-detail-heading" data-testid="list-detail">
      <div className="card-header">
        <div>
          <p className="eyebrow">{t('lists.detail.eyebrow')}</p>
          <h2 id="list-detail-heading">{list.name}</h2>
        </div>
        <Link
          className="button button-ghost button-small"
          to={listsPagePath(workspaceId, { accountId: account.id })}
          aria-label={t('lists.detail.closeNamed', { name: list.name })}
        >
          {t('lists.detail.close')}
        </Link>
      </div>
      {list.description && <p className="lists-detail-description">{list.description}</p>}
      {list.url && (
        <p>
          <a href={list.url} target="_blank" rel="noreferrer">
            {t('lists.lists.viewOnNetwork', { network: networkName })}
          </a>
        </p>
      )}
      <ListMembers
        workspaceId={workspaceId}
        accountId={account.id}
        listId={list.id}
        members={members}
        canManage={canManage}
      />
      {canManage && (
        <AddPeople
          workspaceId={workspaceId}
          accountId={account.id}
          listId={list.id}
          networkName={networkName}
          memberIds={memberIds}
        />
      )}
      <OpenAsColumn workspaceId={workspaceId} accountId={account.id} listId={list.id} listName={list.name} />
    </section>
  );
}
