// Naming a board (new or renamed) and deleting one after the person confirms it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';
import { StreamsDialog } from './StreamsDialog.tsx';
import { type Board, useCreateBoard, useDeleteBoard, useRenameBoard } from './streamsApi.ts';

const MAX_NAME = 60;

export function BoardNameDialog({
  workspaceId,
  board,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  /** The board to rename; a new board without it. */
  board?: Board;
  onClose: () => void;
  onSaved: (board: Board) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(board?.name ?? '');
  const [problem, setProblem] = useState<string | undefined>();
  const create = useCreateBoard(workspaceId);
  const rename = useRenameBoard(workspaceId);
  const saving = create.isPending || rename.isPending;
  const error = board ? rename.error : create.error;

  return (
    <StreamsDialog
      title={board ? t('streams.boards.renameTitle') : t('streams.boards.newTitle')}
      onClose={onClose}
      testId="board-name-dialog"
    >
      {({ close }) => (
        <form
          className="streams-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const trimmed = name.trim();
            if (!trimmed) return setProblem(t('streams.boards.nameMissing'));
            if (trimmed.length > MAX_NAME)
              return setProblem(t('streams.boards.nameTooLong', { max: MAX_NAME }));
            setProblem(undefined);
            const done = (saved: Board) => {
              close();
              onSaved(saved);
            };
            if (board) rename.mutate({ boardId: board.id, name: trimmed }, { onSuccess: done });
            else create.mutate(trimmed, { onSuccess: done });
          }}
        >
          <FormAlert error={error} fieldNames={['name']} />
          <TextField
            label={t('streams.boards.name')}
            name="name"
            value={name}
            onChange={setName}
            error={problem ?? fieldErrors(error).name}
            hint={t('streams.boards.nameHint')}
            autoFocus
          />
          <div className="streams-dialog-buttons">
            <button type="button" className="button button-ghost" onClick={close} disabled={saving}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button-primary" disabled={saving}>
              {board ? t('streams.boards.saveName') : t('streams.boards.create')}
            </button>
          </div>
        </form>
      )}
    </StreamsDialog>
  );
}

export function DeleteBoardDialog({
  workspaceId,
  board,
  onClose,
  onDeleted,
}: {
  workspaceId: string;
  board: Board;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const remove = useDeleteBoard(workspaceId);
  return (
    <StreamsDialog
      title={t('streams.boards.deleteTitle', { name: board.name })}
      onClose={onClose}
      testId="delete-board-dialog"
    >
      {({ close }) => (
        <div className="streams-form">
          <p>{t('streams.boards.deleteBody')}</p>
          <FormAlert error={remove.error} />
          <div className="streams-dialog-buttons">
            <button type="button" className="button button-ghost" onClick={close} disabled={remove.isPending}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(board.id, {
                  onSuccess: () => {
                    close();
                    onDeleted();
                  },
                })
              }
            >
              {t('streams.boards.deleteConfirm')}
            </button>
          </div>
        </div>
      )}
    </StreamsDialog>
  );
}
