// A course's peer questions and answers, shown on the course page.
import './CourseQuestions.css';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { FormAlert, fieldErrors } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import {
  type Answer,
  type QuestionSummary,
  useAnswerQuestion,
  useAskQuestion,
  useCourseQuestions,
  useDeleteAnswer,
  useDeleteQuestion,
  useMarkHelpful,
  useQuestion,
} from './qaQueries.ts';

export function CourseQuestions({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const list = useCourseQuestions(courseId);
  const [searchParams] = useSearchParams();
  // A link from the "new answer" email opens its question.
  const [open, setOpen] = useState<string | null>(() => searchParams.get('question'));
  const [asking, setAsking] = useState(false);

  return (
    <section className="card qa" aria-labelledby="qa-heading" data-testid="course-questions">
      <div className="card-header">
        <h2 id="qa-heading">{t('academyQa.heading')}</h2>
        {!asking && (
          <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
            {t('academyQa.ask')}
          </button>
        )}
      </div>
      <p className="muted">{t('academyQa.intro')}</p>
      {asking && (
        <AskForm
          courseId={courseId}
          onClose={(created) => {
            setAsking(false);
            if (created) setOpen(created);
          }}
        />
      )}
      {list.isPending ? (
        <LoadingScreen />
      ) : list.error ? (
        <FormAlert error={list.error} />
      ) : list.data.questions.length === 0 ? (
        <p className="qa-empty">{t('academyQa.empty')}</p>
      ) : (
        <ul className="qa-list">
          {list.data.questions.map((question) => (
            <QuestionItem
              key={question.id}
              courseId={courseId}
              question={question}
              open={open === question.id}
              onToggle={() => setOpen(open === question.id ? null : question.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AskForm({ courseId, onClose }: { courseId: string; onClose: (created?: string) => void }) {
  const { t } = useTranslation();
  const ask = useAskQuestion(courseId);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const detailsId = useId();
  const fields = fieldErrors(ask.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    ask.mutate({ title, body }, { onSuccess: (created) => onClose(created.id) });
  };

  return (
    <form className="qa-form qa-ask" onSubmit={submit} noValidate aria-labelledby="qa-ask-heading">
      <h3 id="qa-ask-heading">{t('academyQa.askForm.heading')}</h3>
      <FormAlert error={ask.error} fieldNames={['title', 'body']} />
      <TextField
        label={t('academyQa.askForm.title')}
        name="title"
        value={title}
        onChange={setTitle}
        hint={t('academyQa.askForm.titleHint')}
        error={fields.title}
        required
        autoFocus
      />
      <div className="field">
        <label htmlFor={detailsId}>{t('academyQa.askForm.details')}</label>
        <textarea
          id={detailsId}
          name="body"
          rows={4}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={fields.body ? true : undefined}
        />
        {fields.body && <p className="field-error">{fields.body}</p>}
      </div>
      <div className="qa-actions">
        <button type="submit" className="button button-primary" disabled={ask.isPending}>
          {ask.isPending ? t('academyQa.posting') : t('academyQa.askForm.submit')}
        </button>
        <button type="button" className="button button-ghost" onClick={() => onClose()}>
          {t('academyQa.cancel')}
        </button>
      </div>
    </form>
  );
}

function QuestionItem({
  courseId,
  question,
  open,
  onToggle,
}: {
  courseId: string;
  question: QuestionSummary;
  open: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  const { number, date } = useLocaleFormat();
  const item = useRef<HTMLLIElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (open) item.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);

  return (
    <li className="qa-item" ref={item} data-testid="qa-question" data-question-id={question.id}>
      <h3 className="qa-title">
        <button type="button" aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
          {question.title}
        </button>
      </h3>
      <p className="qa-meta">
        <span>{t('academyQa.askedBy', { name: question.author.name, date: date(question.createdAt) })}</span>
        <span>
          {question.answerCount === 0
            ? t('academyQa.noAnswers')
            : t('academyQa.answers', { count: question.answerCount, n: number(question.answerCount) })}
        </span>
        {question.helpfulCount > 0 && (
          <span className="badge qa-helpful-badge">{t('academyQa.hasHelpful')}</span>
        )}
      </p>
      {open && (
        <div id={panelId}>
          <QuestionThread courseId={courseId} questionId={question.id} />
        </div>
      )}
    </li>
  );
}

function QuestionThread({ courseId, questionId }: { courseId: string; questionId: string }) {
  const { t } = useTranslation();
  const thread = useQuestion(questionId);
  const remove = useDeleteQuestion(courseId);
  if (thread.isPending) return <LoadingScreen />;
  if (thread.error) return <FormAlert error={thread.error} />;
  const question = thread.data;
  return (
    <div className="qa-thread">
      {question.body && <p className="qa-body">{question.body}</p>}
      {question.canDelete && (
        <ConfirmDelete
          label={t('academyQa.deleteQuestion')}
          confirm={t('academyQa.confirmDeleteQuestion')}
          pending={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(questionId)}
        />
      )}
      {question.answers.length === 0 ? (
        <p className="muted">{t('academyQa.noAnswersYet')}</p>
      ) : (
        <ul className="qa-answers" aria-label={t('academyQa.answersLabel')}>
          {question.answers.map((answer) => (
            <AnswerItem
              key={answer.id}
              courseId={courseId}
              questionId={questionId}
              answer={answer}
              canMarkHelpful={question.canMarkHelpful}
            />
          ))}
        </ul>
      )}
      <AnswerForm courseId={courseId} questionId={questionId} />
    </div>
  );
}

function AnswerItem({
  courseId,
  questionId,
  answer,
  canMarkHelpful,
}: {
  courseId: string;
  questionId: string;
  answer: Answer;
  canMarkHelpful: boolean;
}) {
  const { t } = useTranslation();
  const { date } = useLocaleFormat();
  const mark = useMarkHelpful(courseId, questionId);
  const remove = useDeleteAnswer(courseId, questionId);
  return (
    <li
      className={`qa-answer${answer.helpful ? ' helpful' : ''}`}
      data-testid="qa-answer"
      data-answer-id={answer.id}
    >
      {answer.helpful && <span className="badge qa-helpful-badge">{t('academyQa.helpful')}</span>}
      <p className="qa-body">{answer.body}</p>
      <p className="qa-meta">
        {t('academyQa.answeredBy', { name: answer.author.name, date: date(answer.createdAt) })}
      </p>
      <div className="qa-actions">
        {canMarkHelpful && (
          <button
            type="button"
            className="button button-small button-secondary qa-mark"
            aria-pressed={answer.helpful}
            disabled={mark.isPending}
            onClick={() => mark.mutate({ answerId: answer.id, helpful: !answer.helpful })}
          >
            {answer.helpful && <span aria-hidden="true">✓ </span>}
            {t('academyQa.markHelpful')}
          </button>
        )}
        {answer.canDelete && (
          <ConfirmDelete
            label={t('academyQa.deleteAnswer')}
            confirm={t('academyQa.confirmDeleteAnswer')}
            pending={remove.isPending}
            error={remove.error}
            onConfirm={() => remove.mutate(answer.id)}
          />
        )}
      </div>
      <FormAlert error={mark.error} />
    </li>
  );
}

function AnswerForm({ courseId, questionId }: { courseId: string; questionId: string }) {
  const { t } = useTranslation();
  const post = useAnswerQuestion(courseId, questionId);
  const [body, setBody] = useState('');
  const id = useId();
  const fields = fieldErrors(post.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    post.mutate(body, { onSuccess: () => setBody('') });
  };

  return (
    <form className="qa-form" onSubmit={submit} noValidate>
      <FormAlert error={post.error} fieldNames={['body']} />
      <div className="field">
        <label htmlFor={id}>{t('academyQa.answerForm.label')}</label>
        <textarea
          id={id}
          name="answer"
          rows={3}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={fields.body ? true : undefined}
          aria-describedby={fields.body ? `${id}-error` : undefined}
        />
        {fields.body && (
          <p className="field-error" id={`${id}-error`}>
            {fields.body}
          </p>
        )}
      </div>
      <div className="qa-actions">
        <button type="submit" className="button button-primary button-small" disabled={post.isPending}>
          {post.isPending ? t('academyQa.posting') : t('academyQa.answerForm.submit')}
        </button>
      </div>
    </form>
  );
}

function ConfirmDelete({
  label,
  confirm,
  pending,
  error,
  onConfirm,
}: {
  label: string;
  confirm: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-small button-ghost" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="qa-confirm">
      <span>{confirm}</span>
      <button
        type="button"
        className="button button-small button-danger"
        disabled={pending}
        onClick={onConfirm}
      >
        {t('academyQa.confirmDelete')}
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setAsking(false)}>
        {t('academyQa.keep')}
      </button>
      <FormAlert error={error} />
    </span>
  );
}
