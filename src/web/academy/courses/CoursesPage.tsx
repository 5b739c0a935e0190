// The Academy's course list: courses in the learner's language with progress and where to resume.
import './courses.css';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Locale } from '../../api/apiTypes.ts';
import { FormAlert, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { coursePaths, LanguageBadge, ProgressBar, SkillTags, StatusBadge } from './courseParts.tsx';
import { type CourseSummary, type ImportedCourse, useCourses, useImportCourse } from './courseQueries.ts';

type LanguageFilter = Locale | 'all';

export function CoursesPage() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const courses = useCourses(workspace.id);
  const uiLanguage: Locale = i18n.language === 'bn' ? 'bn' : 'en';
  const [filter, setFilter] = useState<LanguageFilter | null>(null);
  const language = filter ?? uiLanguage;
  const paths = coursePaths(workspace.id);
  const canManage = courses.data?.canManage ?? false;
  const shown = (courses.data?.courses ?? []).filter((c) => language === 'all' || c.language === language);
  const importing = useImportCourse(workspace.id);
  const [imported, setImported] = useState<ImportedCourse | null>(null);

  return (
    <div className="page courses-page" data-testid="academy-courses">
      <div className="page-header courses-header">
        <div>
          <p className="eyebrow">{t('academyCourses.eyebrow')}</p>
          <h1>{t('academyCourses.list.title')}</h1>
          <p className="muted">{t('academyCourses.list.intro')}</p>
        </div>
        {canManage && (
          <div className="courses-actions">
            <Link className="button button-primary" to={paths.create}>
              {t('academyCourses.list.newCourse')}
            </Link>
            <ImportButton
              pending={importing.isPending}
              onFile={(file) => {
                setImported(null);
                importing.mutate(file, { onSuccess: setImported });
              }}
            />
          </div>
        )}
      </div>
      <div className="course-import-result" aria-live="polite">
        {importing.error ? <FormAlert error={importing.error} /> : null}
        {imported && (
          <SuccessNotice>
            {imported.created
              ? t('academyCourses.import.created', { title: imported.title })
              : t('academyCourses.import.replaced', { title: imported.title })}{' '}
            <Link to={paths.edit(imported.id)}>{t('academyCourses.import.openEditor')}</Link>
          </SuccessNotice>
        )}
      </div>

      <div className="courses-toolbar">
        <label htmlFor="course-language-filter">{t('academyCourses.list.languageFilter')}</label>
        <select
          id="course-language-filter"
          className="select"
          value={language}
          onChange={(event) => setFilter(event.target.value as LanguageFilter)}
        >
          <option value="en">{t('academyCourses.languages.en')}</option>
          <option value="bn">{t('academyCourses.languages.bn')}</option>
          <option value="all">{t('academyCourses.list.allLanguages')}</option>
        </select>
      </div>

      {courses.error ? (
        <FormAlert error={courses.error} />
      ) : !courses.data ? (
        <LoadingScreen />
      ) : shown.length === 0 ? (
        <div className="card empty-state" data-testid="courses-empty">
          <h2>{t('academyCourses.list.emptyTitle')}</h2>
          <p>
            {courses.data.courses.length > 0 && language !== 'all'
              ? t('academyCourses.list.emptyLanguage')
              : canManage
                ? t('academyCourses.list.emptyManage')
                : t('academyCourses.list.empty')}
          </p>
        </div>
      ) : (
        <ul className="course-grid">
          {shown.map((course) => (
            <li key={course.id}>
              <CourseCard course={course} workspaceId={workspace.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CourseCard({ course, workspaceId }: { course: CourseSummary; workspaceId: string }) {
  const { t } = useTranslation();
  const paths = coursePaths(workspaceId);
  const titleId = `course-title-${course.id}`;
  const finished = course.lessonCount > 0 && course.doneCount === course.lessonCount;
  const action = !course.started
    ? t('academyCourses.list.start')
    : finished
      ? t('academyCourses.list.review')
      : t('academyCourses.list.resume');
  return (
    <article
      className="card course-card"
      aria-labelledby={titleId}
      data-testid="course-card"
      data-slug={course.slug}
    >
      <div className="course-card-badges">
        <LanguageBadge language={course.language} />
        <StatusBadge status={course.status} />
      </div>
      <h2 id={titleId} lang={course.language}>
        <Link to={paths.course(course.id)}>{course.title}</Link>
      </h2>
      {course.summary && (
        <p className="course-card-summary" lang={course.language}>
          {course.summary}
        </p>
      )}
      <SkillTags skills={course.skills} />
      <div className="course-card-footer">
        <ProgressBar
          percent={course.progressPercent}
          label={t('academyCourses.progress.label', { title: course.title })}
        />
        {course.resumeLessonId ? (
          <Link
            className={
              course.started ? 'button button-primary button-small' : 'button button-secondary button-small'
            }
            to={paths.lesson(course.id, course.resumeLessonId)}
            aria-label={`${action}: ${course.title}`}
            data-testid="course-resume"
          >
            {action}
          </Link>
        ) : (
          <Link className="button button-secondary button-small" to={paths.course(course.id)}>
            {t('academyCourses.list.open')}
          </Link>
        )}
      </div>
    </article>
  );
}

/** The "Import course" button and the file input it opens. */
function ImportButton({ pending, onFile }: { pending: boolean; onFile: (file: File) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => input.current?.click()}
        disabled={pending}
      >
        {pending ? t('academyCourses.import.importing') : t('academyCourses.import.button')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('academyCourses.import.fileLabel')}
        data-testid="course-import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
