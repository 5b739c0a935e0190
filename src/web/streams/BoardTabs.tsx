// The person's boards as tabs (the chosen one is in the address as ?board=), with a new board and the
// chosen board's rename and delete.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { MAX_BOARDS_PER_PERSON } from '../../core/streams/streamTypes.ts';
import { Popover } from '../components/Popover.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import type { Board } from './streamsApi.ts';

export function BoardTabs({
  boards,
  selectedId,
  onNew,
  onRename,
  onDelete,
}: {
  boards: Board[];
  selectedId: string | undefined;
  onNew: () => void;
  onRename: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const full = boards.length >= MAX_BOARDS_PER_PERSON;
  return (
    <div className="board-bar">
      <nav className="board-tabs" aria-label={t('streams.boards.label')} data-testid="board-tabs">
        <ul>
          {boards.map((board) => (
            <li key={board.id}>
              <Link
                to={`?board=${encodeURIComponent(board.id)}`}
                className="board-tab"
                aria-current={board.id === selectedId ? 'page' : undefined}
                data-board-id={board.id}
              >
                {board.name}
                <span className="board-tab-count" aria-hidden="true">
                  {number(board.columns.length)}
                </span>
                <span className="visually-hidden">
                  {t('streams.boards.columnCount', {
                    count: board.columns.length,
                    formatted: number(board.columns.length),
                  })}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="board-bar-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={onNew}
          disabled={full}
          title={full ? t('streams.boards.full', { max: number(MAX_BOARDS_PER_PERSON) }) : undefined}
          data-testid="new-board"
        >
          <span aria-hidden="true">+</span> {t('streams.boards.new')}
        </button>
        {selectedId && (
          <Popover
            align="end"
            buttonClassName="button button-ghost button-small"
            panelClassName="stream-menu"
            testId="board-menu"
            buttonLabel={t('streams.boards.options')}
          >
            {(close) => (
              <div className="menu">
                <button
                  type="button"
                  className="menu-item"
                  onClick={() => {
                    close();
                    onRename();
                  }}
                >
                  <span className="menu-item-main">{t('streams.boards.rename')}</span>
                </button>
                <button
                  type="button"
                  className="menu-item stream-menu-danger"
                  onClick={() => {
                    close();
                    onDelete();
                  }}
                >
                  <span className="menu-item-main">{t('streams.boards.delete')}</span>
                </button>
              </div>
            )}
          </Popover>
        )}
      </div>
      {full && (
        <p className="muted small board-bar-full">
          {t('streams.boards.full', { max: number(MAX_BOARDS_PER_PERSON) })}
        </p>
      )}
    </div>
  );
}
