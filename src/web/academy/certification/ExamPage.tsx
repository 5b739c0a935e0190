// Taking a certification exam against its time limit: what the exam is before the clock starts, every drawn
// question on one page with a countdown, handing in after a confirmation, and the result.
import './certification.css';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { errorMessage, FormAlert } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { CertificateLinks, Dialog, ExamFacts } from './certificationParts.tsx';
import {
  type Attempt,
  type Certification,
  useAttempt,
  useCertifications,
  useStartAttempt,
  useSubmitAttempt,
} from './certificationQueries.ts';

const MINUTE = 60_000;
/** The moments the time left is read out to screen readers. */
const ANNOUNCE_AT = [5 * MINUTE, MINUTE];

export function ExamPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const { certificationId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const attemptId = search.get('attempt') ?? undefined;
  const list = useCertifications(workspace.id);
  const certification = list.data?.certifications.find((candidate) => candidate.id === certificationId);
  const attempt = useAttempt(attemptId);
  const runningId = certification?.runningAttempt?.id;

  // Coming back to an exam with an attempt still open goes straight to that attempt.
  useEffect(() => {
    if (!attemptId && runningId) setSearch({ attempt: runningId }, { replace: true });
  }, [attemptId, runningId, setSearch]);

  const back = `/w/${encodeURIComponent(workspace.id)}/academy/certifications`;
  let body: React.ReactNode;
  if (attemptId) {
    if (attempt.isPending) body = <LoadingScreen />;
    else if (attempt.isError) body = <p className="alert alert-error">{errorMessage(attempt.error, t)}</p>;
    else if (attempt.data.status === 'running')
      body = (
        <ExamForm
          key={attempt.data.id}
          attempt={attempt.data}
          workspaceId={workspace.id}
          clockOffset={Date.parse(attempt.data.serverNow) - attempt.dataUpdatedAt}
        />
      );
    else body = <ExamResult attempt={attempt.data} />;
  } else if (list.isPending || runningId) {
    body = <LoadingScreen />;
  } else if (list.isError) {
    body = <p className="alert alert-error">{errorMessage(list.error, t)}</p>;
  } else if (!certification) {
    body = <p className="alert alert-error">{t('academyCertification.exam.notFound')}</p>;
  } else {
    body = (
      <ExamIntro
        certification={certification}
        workspaceId={workspace.id}
        onStarted={(id) => setSearch({ attempt: id }, { replace: true })}
      />
    );
  }

  const title = attempt.data?.title ?? certification?.title;
  return (
    <div className="page cert-page" data-testid="academy-exam">
      <div className="page-header">
        <p className="eyebrow">
          <Link to={back}>{t('academyCertification.exam.back')}</Link>
        </p>
        <h1 lang={attempt.data?.language ?? certification?.language}>
          {title ?? t('academyCertification.exam.title')}
        </h1>
      </div>
      {body}
    </div>
  );
}

function ExamIntro({
  certification,
  workspaceId,
  onStarted,
}: {
  certification: Certification;
  workspaceId: string;
  onStarted: (attemptId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const start = useStartAttempt(workspaceId);
  const held = certification.certificate && !certification.certificate.revokedAt;
  const blocked = held
    ? t('academyCertification.exam.alreadyPassed')
    : certification.attemptsLeft === 0
      ? t('academyCertification.exams.noAttemptsLeft')
      : certification.cooldownUntil
        ? t('academyCertification.exams.cooldown', { time: format.dateTime(certification.cooldownUntil) })
        : undefined;
  return (
    <section className="card cert-intro" aria-labelledby="exam-intro-heading">
      <h2 id="exam-intro-heading">{t('academyCertification.exam.introHeading')}</h2>
      {certification.description && <p lang={certification.language}>{certification.description}</p>}
      <ExamFacts certification={certification} showAttempts />
      <ul className="cert-rules">
        <li>{t('academyCertification.exam.ruleClock')}</li>
        <li>{t('academyCertification.exam.ruleOnce')}</li>
        {certification.cooldownHours > 0 && (
          <li>
            {t('academyCertification.exam.ruleCooldown', {
              count: certification.cooldownHours,
              formatted: format.number(certification.cooldownHours),
            })}
          </li>
        )}
      </ul>
      <FormAlert error={start.error} />
      {blocked ? (
        <p className="cert-state-warning">{blocked}</p>
      ) : (
        <button
          type="button"
          className="button button-primary"
          disabled={start.isPending}
          onClick={() => start.mutate(certification.id, { onSuccess: (attempt) => onStarted(attempt.id) })}
        >
          {t('academyCertification.exam.startNow')}
        </button>
      )}
    </section>
  );
}

/** "mm:ss", in Bengali digits when the page is in Bengali. */
function clock(ms: number, locale: 'en' | 'bn'): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const text = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return locale === 'bn' ? text.replace(/\d/g, (d) => String.fromCharCode(0x09e6 + Number(d))) : text;
}

const storageKey = (attemptId: string) => `kolorob.exam.${attemptId}`;

function storedAnswers(attemptId: string): Record<string, string[]> {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(storageKey(attemptId)) ?? '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

function ExamForm({
  attempt,
  workspaceId,
  clockOffset,
}: {
  attempt: Attempt;
  workspaceId: string;
  /** Server clock minus this device's clock. */
  clockOffset: number;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const submit = useSubmitAttempt(workspaceId, attempt.id);
  // Answers survive a reload of the page while the attempt runs.
  const [answers, setAnswers] = useState<Record<string, string[]>>(() => storedAnswers(attempt.id));
  const [confirming, setConfirming] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const deadline = Date.parse(attempt.deadlineAt);
  const timeLeft = useCallback(() => deadline - (Date.now() + clockOffset), [deadline, clockOffset]);
  const [left, setLeft] = useState(timeLeft);
  const previous = useRef(left);
  const handedIn = useRef(false);
  const confirmHeadingId = useId();

  useEffect(() => {
    try {
      window.sessionStorage.setItem(storageKey(attempt.id), JSON.stringify(answers));
    } catch {
      // Storage may be refused; the answers still live on the page.
    }
  }, [answers, attempt.id]);

  const handIn = useCallback(() => {
    if (handedIn.current) return;
    handedIn.current = true;
    setConfirming(false);
    submit.mutate(answers, {
      onSuccess: () => {
        try {
          window.sessionStorage.removeItem(storageKey(attempt.id));
        } catch {
          // Nothing to clean up when storage is refused.
        }
      },
      onError: () => {
        handedIn.current = false;
      },
    });
  }, [answers, attempt.id, submit]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const now = timeLeft();
      for (const mark of ANNOUNCE_AT) {
        if (previous.current > mark && now <= mark) {
          setAnnouncement(
            t('academyCertification.exam.minutesLeft', {
              count: mark / MINUTE,
              formatted: format.number(mark / MINUTE),
            }),
          );
        }
      }
      previous.current = now;
      setLeft(now);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [timeLeft, t, format]);

  // When the time is up, whatever is answered is handed in (the server allows a short grace).
  useEffect(() => {
    if (left <= 0) handIn();
  }, [left, handIn]);

  const answered = attempt.questions.filter((question) => (answers[question.id] ?? []).length > 0).length;
  const total = attempt.questions.length;

  const choose = (questionId: string, optionId: string, multiple: boolean, checked: boolean) => {
    setAnswers((current) => {
      const chosen = current[questionId] ?? [];
      const next = multiple
        ? checked
          ? [...chosen.filter((id) => id !== optionId), optionId]
          : chosen.filter((id) => id !== optionId)
        : [optionId];
      return { ...current, [questionId]: next };
    });
  };

  return (
    <form
      className="cert-exam"
      onSubmit={(event) => {
        event.preventDefault();
        setConfirming(true);
      }}
      data-testid="exam-form"
    >
      <div className="visually-hidden" aria-live="polite" data-testid="timer-announcement">
        {announcement}
      </div>
      {attempt.questions.map((question, index) => (
        <fieldset key={question.id} className="card cert-question" data-testid="exam-question">
          <legend>
            <span className="cert-question-number">
              {t('academyCertification.exam.questionOf', {
                n: format.number(index + 1),
                total: format.number(total),
              })}
            </span>
            <span className="cert-question-prompt" lang={attempt.language}>
              {question.prompt}
            </span>
          </legend>
          {question.kind === 'multiple' && (
            <p className="field-hint">{t('academyCertification.exam.chooseAll')}</p>
          )}
          <div className="cert-options">
            {question.options.map((option) => {
              const checked = (answers[question.id] ?? []).includes(option.id);
              return (
                <label
                  key={option.id}
                  className={checked ? 'cert-option cert-option-checked' : 'cert-option'}
                >
                  <input
                    type={question.kind === 'multiple' ? 'checkbox' : 'radio'}
                    name={`question-${question.id}`}
                    value={option.id}
                    checked={checked}
                    onChange={(event) =>
                      choose(question.id, option.id, question.kind === 'multiple', event.target.checked)
                    }
                  />
                  <span lang={attempt.language}>{option.text}</span>
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}

      <div className="cert-exam-bar">
        <p className="cert-timer" role="timer" aria-live="off">
          <span className="cert-timer-label">{t('academyCertification.exam.timeLeft')}</span>{' '}
          <strong className={left <= MINUTE ? 'cert-timer-urgent' : undefined} data-testid="exam-timer">
            {clock(left, format.locale)}
          </strong>
        </p>
        <p className="cert-answered muted small">
          {t('academyCertification.exam.answered', {
            answered: format.number(answered),
            total: format.number(total),
          })}
        </p>
        <button type="submit" className="button button-primary" disabled={submit.isPending}>
          {t('academyCertification.exam.handIn')}
        </button>
      </div>
      <FormAlert error={submit.error} />
      {submit.isPending && <p role="status">{t('academyCertification.exam.handingIn')}</p>}

      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        labelledBy={confirmHeadingId}
        testId="hand-in-dialog"
      >
        <div className="cert-dialog-body">
          <h2 id={confirmHeadingId}>{t('academyCertification.exam.confirmHeading')}</h2>
          <p>
            {t('academyCertification.exam.confirmBody', {
              answered: format.number(answered),
              total: format.number(total),
            })}
          </p>
          <div className="cert-dialog-actions">
            <button type="button" className="button button-ghost" onClick={() => setConfirming(false)}>
              {t('academyCertification.exam.keepWorking')}
            </button>
            <button type="button" className="button button-primary" onClick={handIn}>
              {t('academyCertification.exam.confirmHandIn')}
            </button>
          </div>
        </div>
      </Dialog>
    </form>
  );
}

function ExamResult({ attempt }: { attempt: Attempt }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const result = attempt.result;
  useEffect(() => {
    heading.current?.focus();
  }, []);
  if (!result) return null;
  return (
    <section
      className={`card cert-result ${result.passed ? 'cert-result-passed' : 'cert-result-failed'}`}
      aria-labelledby="exam-result-heading"
      data-testid="exam-result"
    >
      <h2 id="exam-result-heading" ref={heading} tabIndex={-1}>
        {result.passed ? t('academyCertification.result.passed') : t('academyCertification.result.failed')}
      </h2>
      {result.scorePercent === null ? (
        <p>{t('academyCertification.result.timeRanOut')}</p>
      ) : (
        <p className="cert-score">
          {t('academyCertification.result.score', {
            score: format.number(result.scorePercent),
            pass: format.number(attempt.passPercent),
          })}
        </p>
      )}
      {result.certificate && (
        <>
          <p>{t('academyCertification.result.certificateReady', { code: result.certificate.code })}</p>
          <CertificateLinks certificateId={result.certificate.id} code={result.certificate.code} />
        </>
      )}
    </section>
  );
}
