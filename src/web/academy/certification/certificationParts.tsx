// Pieces the certification pages share: a modal dialog, a number input with its label and messages, the
// exam's facts, and the certificate's download and verification links.
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { type Certification, certificatePdfUrl, verifyPath } from './certificationQueries.ts';

/** A modal dialog (the browser's own <dialog>: focus stays inside, Escape closes it). */
export function Dialog({
  open,
  onClose,
  labelledBy,
  children,
  testId,
}: {
  open: boolean;
  onClose: () => void;
  labelledBy: string;
  children: React.ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="cert-dialog"
      aria-labelledby={labelledBy}
      onClose={onClose}
      data-testid={testId}
    >
      {open && children}
    </dialog>
  );
}

export function NumberField({
  label,
  name,
  value,
  onChange,
  min,
  max,
  hint,
  error,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  min: number;
  max: number;
  hint?: string;
  error?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Questions, time limit, pass mark and attempts left, as a definition list. */
export function ExamFacts({
  certification,
  showAttempts,
}: {
  certification: Certification;
  showAttempts: boolean;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <dl className="cert-facts">
      <div>
        <dt>{t('academyCertification.facts.questions')}</dt>
        <dd>
          {t('academyCertification.facts.questionCount', {
            count: certification.drawCount,
            formatted: format.number(certification.drawCount),
          })}
        </dd>
      </div>
      <div>
        <dt>{t('academyCertification.facts.timeLimit')}</dt>
        <dd>
          {t('academyCertification.facts.minutes', {
            count: certification.timeLimitMinutes,
            formatted: format.number(certification.timeLimitMinutes),
          })}
        </dd>
      </div>
      <div>
        <dt>{t('academyCertification.facts.passMark')}</dt>
        <dd>
          {t('academyCertification.facts.percent', { formatted: format.number(certification.passPercent) })}
        </dd>
      </div>
      {showAttempts && (
        <div>
          <dt>{t('academyCertification.facts.attemptsLeft')}</dt>
          <dd>
            {t('academyCertification.facts.attemptsOf', {
              left: format.number(certification.attemptsLeft),
              max: format.number(certification.maxAttempts),
            })}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Download the PDF, and open the public page that confirms the certificate. */
export function CertificateLinks({ certificateId, code }: { certificateId: string; code: string }) {
  const { t } = useTranslation();
  return (
    <span className="cert-links">
      <a
        className="button button-primary button-small"
        href={certificatePdfUrl(certificateId)}
        download
        data-testid="download-certificate"
      >
        {t('academyCertification.certificate.download')}
        <span className="visually-hidden"> {code}</span>
      </a>
      <Link
        className="button button-ghost button-small"
        to={verifyPath(code)}
        data-testid="verification-link"
      >
        {t('academyCertification.certificate.verificationPage')}
        <span className="visually-hidden"> {code}</span>
      </Link>
    </span>
  );
}
