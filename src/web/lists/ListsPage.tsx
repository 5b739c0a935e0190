// Lists on the networks, per connected account: choose the account, see its lists, make, edit and delete
// them, open one to see and change who is in it, and put it on a Streams board as a column. The chosen
// account and the open list live in the address (?account=…&list=…).
import './lists.css';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useAccounts } from '../api/accountQueries.ts';
import { errorMessage } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { AccountChooser, NoAccounts } from './AccountChooser.tsx';
import { ListDetail } from './ListDetail.tsx';
import { ListsTabs } from './ListsTabs.tsx';
import { managesLists } from './listRoles.ts';
import { useNetworkLists } from './listsQueries.ts';
import { NetworkListsCard } from './NetworkListsCard.tsx';

export function ListsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const canManage = managesLists(workspace.role);
  const accounts = useAccounts(workspace.id);
  const [params, setParams] = useSearchParams();
  const wanted = params.get('account');
  const account = accounts.data?.find((candidate) => candidate.id === wanted) ?? accounts.data?.[0];
  const openListId = params.get('list') ?? undefined;
  const lists = useNetworkLists(workspace.id, account?.id);
  const openList = lists.data?.find((list) => list.id === openListId);

  const chooseAccount = (accountId: string) => setParams({ account: accountId });
  const closeList = (listId: string) => {
    if (listId === openListId && account) setParams({ account: account.id }, { replace: true });
  };

  return (
    <>
      <ListsTabs workspaceId={workspace.id} />
      <div className="page lists-page">
        <div className="page-header">
          <p className="eyebrow">{t('lists.eyebrow')}</p>
          <h1>{t('lists.title')}</h1>
          <p className="muted">{canManage ? t('lists.introManage') : t('lists.introReadOnly')}</p>
        </div>
        {accounts.isPending && <LoadingScreen />}
        {accounts.isError && (
          <div className="alert alert-error" role="alert">
            {errorMessage(accounts.error, t)}
          </div>
        )}
        {accounts.data?.length === 0 && (
          <section className="card">
            <NoAccounts workspaceId={workspace.id} />
          </section>
        )}
        {account && accounts.data && (
          <>
            <div className="lists-toolbar">
              <AccountChooser accounts={accounts.data} value={account.id} onChange={chooseAccount} />
            </div>
            <div className={openList ? 'lists-layout lists-layout-open' : 'lists-layout'}>
              <NetworkListsCard
                key={account.id}
                workspaceId={workspace.id}
                account={account}
                openListId={openListId}
                canManage={canManage}
                onListGone={closeList}
              />
              {openList && (
                <ListDetail
                  key={`${account.id} ${openList.id}`}
                  workspaceId={workspace.id}
                  account={account}
                  list={openList}
                  canManage={canManage}
                />
              )}
            </div>
          </>
        )}
      </div>
    </>
  );
}
