// One lesson (Markdown) or quiz, with the way on to the next.
import './courses.css';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FormAlert } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { coursePaths, ProgressBar } from './courseParts.tsx';
import {
  type LessonView,
  type QuizOutcome,
  useCompleteLesson,
  useLesson,
  useSubmitQuiz,
} from './courseQueries.ts';
import { renderLessonMarkdown } from './lessonMarkdown.ts';

export function LessonPage() {
  const { t } = useTranslation();
  const { courseId = '', lessonId = '' } = useParams();
  const { workspace } = useWorkspaceContext();
  const lesson = useLesson(lessonId);
  const paths = coursePaths(workspace.id);

  return (
    <div className="page lesson-page" data-testid="academy-lesson">
      {lesson.error ? (
        <>
          <p className="course-breadcrumb">
            <Link to={paths.course(courseId)}>{t('academyCourses.lesson.backToCourse')}</Link>
          </p>
          <FormAlert error={lesson.error} />
        </>
      ) : !lesson.data ? (
        <LoadingScreen />
      ) : (
        // A new lesson starts with a fresh quiz form.
        <LessonBody key={lesson.data.id} lesson={lesson.data} workspaceId={workspace.id} />
      )}
    </div>
  );
}

function LessonBody({ lesson, workspaceId }: { lesson: LessonView; workspaceId: string }) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const paths = coursePaths(workspaceId);
  const [progress, setProgress] = useState(lesson.progressPercent);

  return (
    <>
      <nav className="course-breadcrumb" aria-label={t('academyCourses.lesson.breadcrumb')}>
        <Link to={paths.list}>{t('academyCourses.course.allCourses')}</Link>
        <span aria-hidden="true"> / </span>
        <Link to={paths.course(lesson.courseId)} lang={lesson.language}>
          {lesson.courseTitle}
        </Link>
      </nav>
      <header className="page-header lesson-header">
        <p className="eyebrow" lang={lesson.language}>
          {lesson.moduleTitle}
        </p>
        <h1 lang={lesson.language}>{lesson.title}</h1>
        <div className="lesson-position">
          <span className="muted small">
            {t(
              lesson.kind === 'quiz'
                ? 'academyCourses.lesson.quizPosition'
                : 'academyCourses.lesson.position',
              {
                n: number(lesson.position),
                total: number(lesson.lessonCount),
              },
            )}
          </span>
          <ProgressBar
            percent={progress}
            label={t('academyCourses.progress.label', { title: lesson.courseTitle })}
          />
        </div>
        {lesson.courseStatus === 'draft' && (
          <p className="alert alert-warning">{t('academyCourses.lesson.draftNotice')}</p>
        )}
      </header>

      {lesson.kind === 'lesson' ? (
        <LessonText lesson={lesson} paths={paths} onProgress={setProgress} />
      ) : (
        <Quiz lesson={lesson} paths={paths} onProgress={setProgress} />
      )}
    </>
  );
}

type Paths = ReturnType<typeof coursePaths>;

function LessonNav({
  lesson,
  paths,
  children,
  quietNext = false,
}: {
  lesson: LessonView;
  paths: Paths;
  children?: React.ReactNode;
  /** While a quiz waits for answers, submitting is the main action, not moving on. */
  quietNext?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <nav className="lesson-nav" aria-label={t('academyCourses.lesson.navigation')}>
      <div>
        {lesson.previousLessonId && (
          <Link
            className="button button-ghost"
            to={paths.lesson(lesson.courseId, lesson.previousLessonId)}
            rel="prev"
          >
            ← {t('academyCourses.lesson.previous')}
          </Link>
        )}
      </div>
      <div className="lesson-nav-end">
        {children}
        {lesson.nextLessonId ? (
          <Link
            className={quietNext ? 'button button-secondary' : 'button button-primary'}
            to={paths.lesson(lesson.courseId, lesson.nextLessonId)}
            rel="next"
          >
            {t('academyCourses.lesson.next')} →
          </Link>
        ) : (
          <Link className="button button-secondary" to={paths.course(lesson.courseId)}>
            {t('academyCourses.lesson.backToCourse')}
          </Link>
        )}
      </div>
    </nav>
  );
}

function LessonText({
  lesson,
  paths,
  onProgress,
}: {
  lesson: LessonView;
  paths: Paths;
  onProgress: (percent: number) => void;
}) {
  const { t } = useTranslation();
  const complete = useCompleteLesson(lesson.id);
  const [done, setDone] = useState(lesson.done);
  const html = useMemo(
    () =>
      renderLessonMarkdown(lesson.bodyMarkdown, {
        watchVideo: t('academyCourses.lesson.watchVideo'),
        title: lesson.title,
      }),
    [lesson.bodyMarkdown, lesson.title, t],
  );

  return (
    <>
      <article
        className="card lesson-body markdown-body"
        lang={lesson.language}
        data-testid="lesson-body"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html disabled escapes any HTML in the lesson.
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <FormAlert error={complete.error} />
      <LessonNav lesson={lesson} paths={paths}>
        {done ? (
          <span className="lesson-done" role="status" data-testid="lesson-done">
            <span aria-hidden="true">✓ </span>
            {t('academyCourses.lesson.doneState')}
          </span>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            disabled={complete.isPending}
            onClick={() =>
              complete.mutate(undefined, {
                onSuccess: (result) => {
                  setDone(true);
                  onProgress(result.progressPercent);
                },
              })
            }
          >
            {t('academyCourses.lesson.markDone')}
          </button>
        )}
      </LessonNav>
    </>
  );
}

function Quiz({
  lesson,
  paths,
  onProgress,
}: {
  lesson: LessonView;
  paths: Paths;
  onProgress: (percent: number) => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const submit = useSubmitQuiz(lesson.id);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [outcome, setOutcome] = useState<QuizOutcome | null>(null);
  const [bestScore, setBestScore] = useState(lesson.score);
  const [missing, setMissing] = useState(false);
  const results = new Map(outcome?.results.map((r) => [r.questionId, r]));

  const choose = (questionId: string, optionId: string, kind: 'single' | 'multiple', checked: boolean) => {
    setMissing(false);
    setAnswers((current) => {
      const chosen = current[questionId] ?? [];
      const next =
        kind === 'single'
          ? [optionId]
          : checked
            ? [...chosen, optionId]
            : chosen.filter((id) => id !== optionId);
      return { ...current, [questionId]: next };
    });
  };

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (lesson.questions.some((q) => (answers[q.id] ?? []).length === 0)) {
      setMissing(true);
      return;
    }
    submit.mutate(answers, {
      onSuccess: (result) => {
        setOutcome(result);
        setBestScore(result.bestScore);
        onProgress(result.progressPercent);
      },
    });
  };

  const retry = () => {
    setOutcome(null);
    setAnswers({});
    submit.reset();
  };

  return (
    <>
      <div className="card quiz-intro">
        <p>{t('academyCourses.quiz.intro', { percent: number(lesson.quizPassPercent) })}</p>
        {bestScore !== null && (
          <p className="lesson-done" data-testid="quiz-best">
            <span aria-hidden="true">✓ </span>
            {t('academyCourses.quiz.passedBefore', { percent: number(bestScore) })}
          </p>
        )}
      </div>
      <form className="quiz-form" onSubmit={onSubmit} noValidate data-testid="quiz-form">
        {lesson.questions.map((question, index) => {
          const result = results.get(question.id);
          const hintId = `quiz-hint-${question.id}`;
          return (
            <fieldset
              key={question.id}
              className={
                result ? `card quiz-question ${result.correct ? 'right' : 'wrong'}` : 'card quiz-question'
              }
              aria-describedby={hintId}
              data-testid="quiz-question"
            >
              <legend lang={lesson.language}>
                <span className="quiz-number">{number(index + 1)}.</span> {question.prompt}
              </legend>
              <p id={hintId} className="field-hint">
                {question.kind === 'single'
                  ? t('academyCourses.quiz.chooseOne')
                  : t('academyCourses.quiz.chooseAll')}
              </p>
              {result && (
                <p
                  className={result.correct ? 'quiz-verdict right' : 'quiz-verdict wrong'}
                  data-testid="quiz-verdict"
                >
                  {result.correct ? t('academyCourses.quiz.right') : t('academyCourses.quiz.wrong')}
                </p>
              )}
              <ul className="quiz-options">
                {question.options.map((option) => {
                  const id = `quiz-${question.id}-${option.id}`;
                  const graded = result?.options.find((o) => o.id === option.id);
                  const chosen = (answers[question.id] ?? []).includes(option.id);
                  return (
                    <li
                      key={option.id}
                      className={
                        graded
                          ? `quiz-option ${graded.correct ? 'correct' : ''} ${graded.chosen ? 'chosen' : ''}`
                          : 'quiz-option'
                      }
                    >
                      <div className="quiz-option-choice">
                        <input
                          id={id}
                          type={question.kind === 'single' ? 'radio' : 'checkbox'}
                          name={`question-${question.id}`}
                          value={option.id}
                          checked={chosen}
                          disabled={outcome !== null}
                          onChange={(event) =>
                            choose(question.id, option.id, question.kind, event.target.checked)
                          }
                        />
                        <label htmlFor={id} lang={lesson.language}>
                          {option.text}
                        </label>
                        {graded && (graded.correct || graded.chosen) && (
                          <span className={graded.correct ? 'quiz-mark correct' : 'quiz-mark wrong'}>
                            {graded.correct
                              ? t('academyCourses.quiz.correctAnswer')
                              : t('academyCourses.quiz.yourAnswer')}
                          </span>
                        )}
                      </div>
                      {graded?.explanation && (
                        <p className="quiz-explanation" lang={lesson.language} data-testid="quiz-explanation">
                          {graded.explanation}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          );
        })}

        <div aria-live="polite">
          {missing && (
            <p className="alert alert-error" role="alert">
              {t('academyCourses.quiz.answerAll')}
            </p>
          )}
          <FormAlert error={submit.error} />
          {outcome && (
            <div
              className={outcome.passed ? 'alert alert-success quiz-score' : 'alert alert-warning quiz-score'}
              data-testid="quiz-score"
            >
              <strong>
                {t('academyCourses.quiz.score', {
                  right: number(outcome.correctCount),
                  total: number(outcome.total),
                  percent: number(outcome.scorePercent),
                })}
              </strong>{' '}
              {outcome.passed
                ? t('academyCourses.quiz.passed')
                : t('academyCourses.quiz.notPassed', { percent: number(outcome.passPercent) })}
            </div>
          )}
        </div>

        <LessonNav lesson={lesson} paths={paths} quietNext={outcome === null}>
          {outcome ? (
            <button type="button" className="button button-secondary" onClick={retry}>
              {t('academyCourses.quiz.tryAgain')}
            </button>
          ) : (
            <button type="submit" className="button button-primary" disabled={submit.isPending}>
              {t('academyCourses.quiz.submit')}
            </button>
          )}
        </LessonNav>
      </form>
    </>
  );
}
