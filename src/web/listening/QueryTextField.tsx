// The query box: monospace text with a live check by the same parser the server uses. A valid query
// shows how it reads once normalised; a mistake shows the parser's sentence, its column, the line with
// the character at that column marked, and a button that puts the caret there.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { checkQuery, errorSpot } from './queryCheck.ts';

export function QueryTextField({
  value,
  onChange,
  serverError,
}: {
  value: string;
  onChange: (value: string) => void;
  /** The server's message about the query, shown when the check here found nothing wrong. */
  serverError?: string;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const check = checkQuery(value);
  const invalid = check.state === 'invalid' || Boolean(serverError);
  const statusId = `${id}-status`;
  const hintId = `${id}-hint`;

  const goToColumn = (column: number) => {
    const element = box.current;
    if (!element) return;
    element.focus();
    const at = Math.min(Math.max(column - 1, 0), element.value.length);
    element.setSelectionRange(at, Math.min(at + 1, element.value.length));
  };

  return (
    <div className="field listening-query-field">
      <label htmlFor={id}>{t('listening.editor.query')}</label>
      <p className="field-hint" id={hintId}>
        {t('listening.editor.queryHint')}
      </p>
      <textarea
        id={id}
        ref={box}
        name="query"
        className="listening-query-input"
        value={value}
        rows={4}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${hintId} ${statusId}`}
        data-testid="query-input"
      />
      <div id={statusId} className="listening-query-status" aria-live="polite" data-testid="query-check">
        {check.state === 'valid' && !serverError && (
          <p className="listening-check-ok" data-state="valid">
            {t('listening.editor.readsAs')} <code>{check.normalised}</code>
          </p>
        )}
        {check.state !== 'invalid' && serverError && <p className="field-error">{serverError}</p>}
        {check.state === 'invalid' && (
          <QueryMistake
            text={value}
            column={check.column}
            message={check.message}
            columnLabel={t('listening.editor.mistakeAt', { column: number(check.column) })}
            goLabel={t('listening.editor.goToMistake', { column: number(check.column) })}
            onGo={() => goToColumn(check.column)}
          />
        )}
      </div>
    </div>
  );
}

function QueryMistake({
  text,
  column,
  message,
  columnLabel,
  goLabel,
  onGo,
}: {
  text: string;
  column: number;
  message: string;
  columnLabel: string;
  goLabel: string;
  onGo: () => void;
}) {
  const spot = errorSpot(text, column);
  return (
    <div className="listening-check-error" data-state="invalid" data-column={column}>
      <p className="field-error">
        <span data-testid="query-error-column">{columnLabel}</span> <span lang="en">{message}</span>
      </p>
      <pre className="listening-check-spot" aria-hidden="true">
        {spot.before}
        <mark className="listening-caret">{spot.at || ' '}</mark>
        {spot.after}
      </pre>
      <button type="button" className="button button-ghost button-small" onClick={onGo}>
        {goLabel}
      </button>
    </div>
  );
}
