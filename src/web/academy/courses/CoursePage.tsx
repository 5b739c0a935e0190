// One course: its modules and lessons, progress, and the course's questions and answers.
import './courses.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { FormAlert } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { CourseQuestions } from '../qa/CourseQuestions.tsx';
import { coursePaths, LanguageBadge, ProgressBar, SkillTags, StatusBadge } from './courseParts.tsx';
import { type CourseDetail, type CourseLessonEntry, exportUrl, useCourse } from './courseQueries.ts';

export function CoursePage() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const { workspace } = useWorkspaceContext();
  const course = useCourse(courseId);
  const paths = coursePaths(workspace.id);

  return (
    <div className="page course-page" data-testid="academy-course">
      <p className="course-breadcrumb">
        <Link to={paths.list}>{t('academyCourses.course.allCourses')}</Link>
      </p>
      {course.error ? (
        <FormAlert error={course.error} />
      ) : !course.data ? (
        <LoadingScreen />
      ) : (
        <CourseBody course={course.data} workspaceId={workspace.id} />
      )}
    </div>
  );
}

function CourseBody({ course, workspaceId }: { course: CourseDetail; workspaceId: string }) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const paths = coursePaths(workspaceId);
  const finished = course.lessonCount > 0 && course.doneCount === course.lessonCount;
  const action = !course.started
    ? t('academyCourses.list.start')
    : finished
      ? t('academyCourses.list.review')
      : t('academyCourses.list.resume');

  return (
    <>
      <header className="page-header course-hero">
        <div className="course-card-badges">
          <LanguageBadge language={course.language} />
          <StatusBadge status={course.status} />
        </div>
        <h1 lang={course.language}>{course.title}</h1>
        {course.summary && (
          <p className="course-hero-summary" lang={course.language}>
            {course.summary}
          </p>
        )}
        <SkillTags skills={course.skills} />
        <div className="course-hero-actions">
          <ProgressBar
            percent={course.progressPercent}
            label={t('academyCourses.progress.label', { title: course.title })}
          />
          {course.resumeLessonId && (
            <Link
              className="button button-primary"
              to={paths.lesson(course.id, course.resumeLessonId)}
              data-testid="course-resume"
            >
              {action}
            </Link>
          )}
          {course.canManage && (
            <>
              <Link className="button button-secondary" to={paths.edit(course.id)}>
                {t('academyCourses.course.edit')}
              </Link>
              <a className="button button-ghost" href={exportUrl(course.id)} download={`${course.slug}.zip`}>
                {t('academyCourses.course.export')}
              </a>
            </>
          )}
        </div>
        {course.status === 'draft' && (
          <p className="alert alert-warning">{t('academyCourses.course.draftNotice')}</p>
        )}
      </header>

      {course.modules.length === 0 || course.lessonCount === 0 ? (
        <div className="card empty-state">
          <h2>{t('academyCourses.course.emptyTitle')}</h2>
          <p>{t('academyCourses.course.empty')}</p>
        </div>
      ) : (
        <section className="course-outline" aria-labelledby="course-outline-heading">
          <h2 id="course-outline-heading" className="visually-hidden">
            {t('academyCourses.course.outline')}
          </h2>
          <p className="muted small">
            {t('academyCourses.course.quizRule', { percent: number(course.quizPassPercent) })}
          </p>
          <ol className="course-modules">
            {course.modules.map((module, m) => (
              <li key={module.id} className="card course-module" data-testid="course-module">
                <h3 lang={course.language}>
                  <span className="course-module-number">
                    {t('academyCourses.course.moduleNumber', { n: number(m + 1) })}
                  </span>{' '}
                  {module.title}
                </h3>
                {module.lessons.length === 0 ? (
                  <p className="muted small">{t('academyCourses.course.moduleEmpty')}</p>
                ) : (
                  <ol className="course-lessons">
                    {module.lessons.map((lesson) => (
                      <LessonRow
                        key={lesson.id}
                        lesson={lesson}
                        href={paths.lesson(course.id, lesson.id)}
                        current={lesson.id === course.resumeLessonId && course.started}
                        language={course.language}
                      />
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {course.certification && (
        <section className="card course-certification" aria-labelledby="course-certification-heading">
          <h2 id="course-certification-heading">{t('academyCourses.course.certificationTitle')}</h2>
          <p>{t('academyCourses.course.certificationText', { title: course.certification.title })}</p>
          <Link to={`/w/${encodeURIComponent(workspaceId)}/academy/certifications`}>
            {t('academyCourses.course.certificationLink')}
          </Link>
        </section>
      )}

      <CourseQuestions courseId={course.id} />
    </>
  );
}

function LessonRow({
  lesson,
  href,
  current,
  language,
}: {
  lesson: CourseLessonEntry;
  href: string;
  current: boolean;
  language: string;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  return (
    <li
      className={lesson.done ? 'course-lesson done' : 'course-lesson'}
      data-testid="course-lesson"
      data-done={lesson.done}
    >
      <span className={lesson.done ? 'course-tick done' : 'course-tick'} aria-hidden="true">
        {lesson.done ? '✓' : ''}
      </span>
      <span className="course-lesson-main">
        <Link to={href} lang={language} aria-current={current ? 'step' : undefined}>
          {lesson.title}
        </Link>
        <span className="course-lesson-meta">
          {lesson.kind === 'quiz'
            ? t('academyCourses.course.quizMeta', {
                count: lesson.questionCount,
                n: number(lesson.questionCount),
              })
            : t('academyCourses.course.lessonMeta')}
          {lesson.done && <span className="visually-hidden">, {t('academyCourses.course.done')}</span>}
          {lesson.kind === 'quiz' && lesson.score !== null && (
            <>
              {' · '}
              {t('academyCourses.course.bestScore', { percent: number(lesson.score) })}
            </>
          )}
          {current && <> · {t('academyCourses.course.lastOpened')}</>}
        </span>
      </span>
    </li>
  );
}
