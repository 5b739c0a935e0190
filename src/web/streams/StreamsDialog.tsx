// A modal dialog of the Streams page (add a column, reply, name or delete a board): the browser's own
// <dialog>, so focus stays inside, Escape closes it and focus returns to the button that opened it.
import { useEffect, useId, useRef } from 'react';

export function StreamsDialog({
  title,
  onClose,
  testId,
  wide = false,
  children,
}: {
  title: string;
  onClose: () => void;
  testId?: string;
  wide?: boolean;
  children: (ids: { titleId: string; close: () => void }) => React.ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className={`streams-dialog${wide ? ' streams-dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onClose={onClose}
      data-testid={testId}
    >
      <h2 id={titleId} className="streams-dialog-title">
        {title}
      </h2>
      {children({ titleId, close: () => dialog.current?.close() })}
    </dialog>
  );
}
