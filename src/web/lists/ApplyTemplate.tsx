// "Use this template": makes a real list on a chosen account with the template's people of that account's
// network, optionally puts it on a Streams board as a column, and reports what happened: the list made, how
// many people were added, the handles the network did not know, with links to the list and the board.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SocialAccount } from '../api/apiTypes.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { AccountChooser } from './AccountChooser.tsx';
import { boardPath, listsPagePath } from './listsPaths.ts';
import { type AppliedTemplate, type ListTemplate, useApplyTemplate, useBoards } from './listsQueries.ts';

export function ApplyTemplate({
  workspaceId,
  template,
  accounts,
  onClose,
}: {
  workspaceId: string;
  template: ListTemplate;
  accounts: SocialAccount[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const headingId = useId();
  const boardSelectId = useId();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [boardId, setBoardId] = useState('');
  const boards = useBoards(workspaceId);
  const apply = useApplyTemplate(workspaceId);
  const [result, setResult] = useState<
    { applied: AppliedTemplate; account: SocialAccount; boardId: string } | undefined
  >();
  const account = accounts.find((candidate) => candidate.id === accountId);
  const forNetwork = account
    ? template.members.filter((member) => member.network === account.network).length
    : 0;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!account) return;
    setResult(undefined);
    apply.mutate(
      { templateId: template.id, accountId: account.id, ...(boardId ? { boardId } : {}) },
      { onSuccess: (applied) => setResult({ applied, account, boardId }) },
    );
  };

  return (
    <section className="lists-apply" aria-labelledby={headingId} data-testid="apply-template">
      <h3 id={headingId}>{t('lists.apply.title', { name: template.name })}</h3>
      {result ? (
        <AppliedResult
          workspaceId={workspaceId}
          result={result.applied}
          account={result.account}
          boardId={result.boardId}
        />
      ) : (
        <form className="lists-inline-form" onSubmit={submit}>
          <FormAlert error={apply.error} />
          <div className="lists-inline-row">
            <AccountChooser
              accounts={accounts}
              value={accountId}
              onChange={setAccountId}
              name="apply-account"
              label={t('lists.apply.account')}
            />
            <div className="field">
              <label htmlFor={boardSelectId}>{t('lists.apply.board')}</label>
              <select
                id={boardSelectId}
                className="select"
                value={boardId}
                onChange={(event) => setBoardId(event.target.value)}
                data-testid="apply-board"
              >
                <option value="">{t('lists.apply.noBoard')}</option>
                {boards.data?.map((board) => (
                  <option key={board.id} value={board.id}>
                    {board.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {account && (
            <p className="field-hint">
              {t('lists.apply.willAdd', {
                count: forNetwork,
                formatted: number(forNetwork),
                network: t(`accounts.networks.${account.network}`),
              })}
            </p>
          )}
          <div className="lists-form-actions">
            <button type="submit" className="button button-primary" disabled={!account || apply.isPending}>
              {apply.isPending ? t('lists.apply.applying') : t('lists.apply.submit')}
            </button>
            <button type="button" className="button button-ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function AppliedResult({
  workspaceId,
  result,
  account,
  boardId,
}: {
  workspaceId: string;
  result: AppliedTemplate;
  account: SocialAccount;
  /** The board the list was put on as a column, when one was chosen. */
  boardId: string;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const networkName = t(`accounts.networks.${account.network}`);
  return (
    <div className="lists-result" data-testid="apply-result" role="status">
      <p className="lists-result-title">
        {t('lists.apply.made', { name: result.list.name, handle: account.handle })}
      </p>
      <p>{t('lists.apply.added', { count: result.added.length, formatted: number(result.added.length) })}</p>
      {result.notFound.length > 0 && (
        <div className="lists-not-found" data-testid="apply-not-found">
          <p>
            {t('lists.apply.notFound', {
              count: result.notFound.length,
              formatted: number(result.notFound.length),
              network: networkName,
            })}
          </p>
          <ul className="lists-handles">
            {result.notFound.map((handle) => (
              <li key={handle} className="lists-handle">
                @{handle}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="lists-result-links">
        <Link
          className="button button-secondary button-small"
          to={listsPagePath(workspaceId, { accountId: account.id, listId: result.list.id })}
        >
          {t('lists.apply.openList', { name: result.list.name })}
        </Link>
        {result.column && boardId && (
          <Link className="button button-secondary button-small" to={boardPath(workspaceId, boardId)}>
            {t('lists.apply.openBoard')}
          </Link>
        )}
      </div>
    </div>
  );
}
