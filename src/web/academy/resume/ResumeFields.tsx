// The resume form's inputs: a labelled text, month or multi-line field with its hint and error wired up.
import { useId } from 'react';

interface ResumeFieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  kind?: 'text' | 'month' | 'textarea' | 'number';
  hint?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  maxLength?: number;
  rows?: number;
  placeholder?: string;
  autoComplete?: string;
  className?: string;
}

export function ResumeField({
  label,
  name,
  value,
  onChange,
  kind = 'text',
  hint,
  error,
  required,
  disabled,
  maxLength,
  rows = 4,
  placeholder,
  autoComplete,
  className,
}: ResumeFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value,
    required,
    disabled,
    maxLength,
    placeholder,
    autoComplete,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className={className ? `field resume-field ${className}` : 'field resume-field'}>
      <label htmlFor={id}>{label}</label>
      {kind === 'textarea' ? (
        <textarea {...common} rows={rows} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={kind === 'number' ? 'text' : kind}
          inputMode={kind === 'number' ? 'numeric' : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
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
