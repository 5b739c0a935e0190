// "Open as column": puts the list as a column on one of the person's Streams boards, then links there.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, FormAlert, SuccessNotice } from '../components/FormAlert.tsx';
import { boardPath } from './listsPaths.ts';
import { type Board, useAddListColumn, useBoards } from './listsQueries.ts';

export function OpenAsColumn({
  workspaceId,
  accountId,
  listId,
  listName,
}: {
  workspaceId: string;
  accountId: string;
  listId: string;
  listName: string;
}) {
  const { t } = useTranslation();
  const selectId = useId();
  const hintId = useId();
  const boards = useBoards(workspaceId);
  const addColumn = useAddListColumn(workspaceId);
  const [chosen, setChosen] = useState('');
  const [opened, setOpened] = useState<Board | undefined>(undefined);
  const boardId = chosen || boards.data?.[0]?.id || '';
  const board = boards.data?.find((candidate) => candidate.id === boardId);
  const alreadyThere = board?.columns.some((column) => column.kind === 'list' && column.listId === listId);

  const open = (event: React.FormEvent) => {
    event.preventDefault();
    if (!board) return;
    setOpened(undefined);
    addColumn.mutate(
      { boardId: board.id, accountId, listId, listName },
      { onSuccess: () => setOpened(board) },
    );
  };

  return (
    <section className="lists-section" aria-labelledby="open-column-heading">
      <h3 id="open-column-heading">{t('lists.column.title')}</h3>
      {boards.isError && (
        <div className="alert alert-error" role="alert">
          {errorMessage(boards.error, t)}
        </div>
      )}
      {opened ? (
        <div className="lists-result" data-testid="column-opened">
          <SuccessNotice>{t('lists.column.opened', { name: listName, board: opened.name })}</SuccessNotice>
          <div className="lists-result-links">
            <Link className="button button-secondary button-small" to={boardPath(workspaceId, opened.id)}>
              {t('lists.column.goToBoard', { board: opened.name })}
            </Link>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setOpened(undefined)}
            >
              {t('lists.column.another')}
            </button>
          </div>
        </div>
      ) : (
        <form className="lists-inline-form" onSubmit={open}>
          <FormAlert error={addColumn.error} />
          <div className="lists-inline-row">
            <div className="field">
              <label htmlFor={selectId}>{t('lists.column.board')}</label>
              <select
                id={selectId}
                className="select"
                value={boardId}
                disabled={!boards.data}
                onChange={(event) => setChosen(event.target.value)}
                aria-describedby={alreadyThere ? hintId : undefined}
                data-testid="column-board"
              >
                {boards.data?.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="submit"
              className="button button-secondary"
              disabled={!board || addColumn.isPending}
            >
              {addColumn.isPending ? t('lists.column.opening') : t('lists.column.open')}
            </button>
          </div>
          {alreadyThere && (
            <p className="field-hint" id={hintId}>
              {t('lists.column.alreadyThere')}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
