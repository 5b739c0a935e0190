// A labelled multi-line input with its hint and error wired to it for screen readers, styled like TextField.
import { useId } from 'react';

export function TextAreaField({
  label,
  name,
  value,
  onChange,
  hint,
  error,
  rows = 3,
  className,
  textareaClassName,
  spellCheck,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  rows?: number;
  /** Added to the field's wrapper, for a page's own layout. */
  className?: string;
  textareaClassName?: string;
  spellCheck?: boolean;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        value={value}
        rows={rows}
        className={textareaClassName}
        spellCheck={spellCheck}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
