// A confirmation dialog of the crisis page: the browser's own <dialog>, so focus stays inside, Escape
// closes it and focus returns to the button that opened it.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';

export function CrisisDialog({
  title,
  confirmLabel,
  danger = false,
  busy,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog ref={dialog} className="crisis-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      <FormAlert error={error} />
      {children}
      <div className="crisis-dialog-buttons">
        <button type="button" className="button button-ghost" onClick={() => dialog.current?.close()}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button-danger' : 'button-primary'}`}
          disabled={busy}
          onClick={onConfirm}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
