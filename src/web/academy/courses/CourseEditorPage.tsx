// Writing a course: modules, lessons in Markdown with a preview, quizzes, publishing, import and export.
import './courses.css';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Locale } from '../../api/apiTypes.ts';
import { FormAlert, fieldErrors, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { ConfirmButton, coursePaths, StatusBadge } from './courseParts.tsx';
import {
  type CourseDetail,
  type CourseMetaBody,
  exportUrl,
  type LessonKind,
  type LessonSource,
  type QuizQuestion,
  SKILLS,
  useCourse,
  useCourseContent,
  useCreateCourse,
  useDeleteCourse,
  useLessonSource,
  useSaveLesson,
  useSetCourseStatus,
  useUpdateCourse,
} from './courseQueries.ts';
import { renderLessonMarkdown } from './lessonMarkdown.ts';

export function CourseEditorPage() {
  const { courseId } = useParams();
  return courseId ? <EditCourse courseId={courseId} /> : <NewCourse />;
}

function NewCourse() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const navigate = useNavigate();
  const create = useCreateCourse(workspace.id);
  const paths = coursePaths(workspace.id);
  const language: Locale = i18n.language === 'bn' ? 'bn' : 'en';

  return (
    <div className="page" data-testid="academy-course-editor">
      <p className="course-breadcrumb">
        <Link to={paths.list}>{t('academyCourses.course.allCourses')}</Link>
      </p>
      <div className="page-header">
        <p className="eyebrow">{t('academyCourses.editor.eyebrow')}</p>
        <h1>{t('academyCourses.editor.newTitle')}</h1>
        <p className="muted">{t('academyCourses.editor.newIntro')}</p>
      </div>
      {workspace.role === 'owner' || workspace.role === 'admin' ? (
        <section className="card course-meta-card" aria-labelledby="course-meta-heading">
          <h2 id="course-meta-heading">{t('academyCourses.editor.details')}</h2>
          <CourseMetaForm
            initial={{ title: '', summary: '', language, skills: [], slug: '' }}
            submitLabel={t('academyCourses.editor.create')}
            pending={create.isPending}
            error={create.error}
            onSubmit={(body) =>
              create.mutate(body, {
                onSuccess: (created) => navigate(paths.edit(created.id), { replace: true }),
              })
            }
          />
        </section>
      ) : (
        <p className="alert alert-error">{t('academyCourses.editor.notAllowed')}</p>
      )}
    </div>
  );
}

function CourseMetaForm({
  initial,
  submitLabel,
  pending,
  error,
  saved,
  onSubmit,
}: {
  initial: CourseMetaBody;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  saved?: boolean;
  onSubmit: (body: CourseMetaBody) => void;
}) {
  const { t } = useTranslation();
  const [meta, setMeta] = useState(initial);
  const id = useId();
  const fields = fieldErrors(error);
  const set = <K extends keyof CourseMetaBody>(key: K, value: CourseMetaBody[K]) =>
    setMeta((current) => ({ ...current, [key]: value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const { slug, ...rest } = meta;
    onSubmit(slug?.trim() ? { ...rest, slug: slug.trim() } : rest);
  };

  return (
    <form className="form course-meta-form" onSubmit={submit} noValidate data-testid="course-meta-form">
      <FormAlert error={error} fieldNames={['title', 'summary', 'language', 'skills', 'slug']} />
      {saved && <SuccessNotice>{t('academyCourses.editor.detailsSaved')}</SuccessNotice>}
      <TextField
        label={t('academyCourses.editor.titleField')}
        name="title"
        value={meta.title}
        onChange={(value) => set('title', value)}
        required
        error={fields.title}
      />
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t('academyCourses.editor.summaryField')}</label>
        <textarea
          id={`${id}-summary`}
          className="course-textarea"
          rows={3}
          value={meta.summary}
          onChange={(event) => set('summary', event.target.value)}
          aria-invalid={fields.summary ? true : undefined}
        />
        {fields.summary && <p className="field-error">{fields.summary}</p>}
      </div>
      <div className="course-meta-row">
        <div className="field">
          <label htmlFor={`${id}-language`}>{t('academyCourses.editor.languageField')}</label>
          <select
            id={`${id}-language`}
            className="select"
            value={meta.language}
            onChange={(event) => set('language', event.target.value as Locale)}
          >
            <option value="en">{t('academyCourses.languages.en')}</option>
            <option value="bn">{t('academyCourses.languages.bn')}</option>
          </select>
        </div>
        <TextField
          label={t('academyCourses.editor.slugField')}
          name="slug"
          value={meta.slug ?? ''}
          onChange={(value) => set('slug', value)}
          hint={t('academyCourses.editor.slugHint')}
          error={fields.slug}
        />
      </div>
      <fieldset className="course-skill-choices">
        <legend>{t('academyCourses.editor.skillsField')}</legend>
        {SKILLS.map((skill) => (
          <label key={skill} className="course-skill-choice">
            <input
              type="checkbox"
              checked={meta.skills.includes(skill)}
              onChange={(event) =>
                set(
                  'skills',
                  event.target.checked ? [...meta.skills, skill] : meta.skills.filter((s) => s !== skill),
                )
              }
            />
            {t(`academyCourses.skills.${skill}`)}
          </label>
        ))}
      </fieldset>
      <div>
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

function EditCourse({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const course = useCourse(courseId);
  const paths = coursePaths(workspace.id);

  return (
    <div className="page course-editor-page" data-testid="academy-course-editor">
      <p className="course-breadcrumb">
        <Link to={paths.list}>{t('academyCourses.course.allCourses')}</Link>
      </p>
      {course.error ? (
        <FormAlert error={course.error} />
      ) : !course.data ? (
        <LoadingScreen />
      ) : !course.data.canManage ? (
        <p className="alert alert-error">{t('academyCourses.editor.notAllowed')}</p>
      ) : (
        <Editor course={course.data} workspaceId={workspace.id} />
      )}
    </div>
  );
}

function Editor({ course, workspaceId }: { course: CourseDetail; workspaceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const paths = coursePaths(workspaceId);
  const status = useSetCourseStatus(course.id);
  const update = useUpdateCourse(course.id);
  const remove = useDeleteCourse(course.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = searchParams.get('lesson');
  const [dirty, setDirty] = useState(false);
  const lessonExists = course.modules.some((m) => m.lessons.some((l) => l.id === selected));

  const select = (lessonId: string | null) => {
    if (dirty && !window.confirm(t('academyCourses.editor.discardChanges'))) return;
    setDirty(false);
    setSearchParams(lessonId ? { lesson: lessonId } : {}, { replace: true });
  };

  return (
    <>
      <div className="page-header course-editor-header">
        <div>
          <p className="eyebrow">{t('academyCourses.editor.eyebrow')}</p>
          <h1 lang={course.language}>
            {course.title} <StatusBadge status={course.status} />
          </h1>
          <p className="muted" data-testid="course-status">
            {course.status === 'published'
              ? t('academyCourses.editor.publishedNote')
              : t('academyCourses.editor.draftNote')}
          </p>
        </div>
        <div className="course-editor-actions">
          {course.status === 'draft' ? (
            <button
              type="button"
              className="button button-primary"
              disabled={status.isPending}
              onClick={() => status.mutate('published')}
            >
              {t('academyCourses.editor.publish')}
            </button>
          ) : (
            <button
              type="button"
              className="button button-secondary"
              disabled={status.isPending}
              onClick={() => status.mutate('draft')}
            >
              {t('academyCourses.editor.unpublish')}
            </button>
          )}
          <Link className="button button-secondary" to={paths.course(course.id)}>
            {t('academyCourses.editor.view')}
          </Link>
          <a className="button button-ghost" href={exportUrl(course.id)} download={`${course.slug}.zip`}>
            {t('academyCourses.course.export')}
          </a>
          <ConfirmButton
            small={false}
            label={t('academyCourses.editor.deleteCourse')}
            question={t('academyCourses.editor.deleteCourseQuestion')}
            confirmLabel={t('academyCourses.editor.deleteCourseConfirm')}
            disabled={remove.isPending}
            onConfirm={() =>
              remove.mutate(undefined, { onSuccess: () => navigate(paths.list, { replace: true }) })
            }
          />
        </div>
      </div>
      <FormAlert error={status.error ?? remove.error} />

      <details className="card course-meta-card" open={course.lessonCount === 0}>
        <summary>
          <h2>{t('academyCourses.editor.details')}</h2>
        </summary>
        <CourseMetaForm
          initial={{
            title: course.title,
            summary: course.summary,
            language: course.language,
            skills: course.skills,
            slug: course.slug,
          }}
          submitLabel={t('academyCourses.editor.saveDetails')}
          pending={update.isPending}
          error={update.error}
          saved={update.isSuccess}
          onSubmit={(body) => update.mutate(body)}
        />
      </details>

      <div className="course-editor-grid">
        <CourseContents course={course} selected={lessonExists ? selected : null} onSelect={select} />
        <div className="course-editor-main">
          {selected && lessonExists ? (
            <LessonEditor key={selected} lessonId={selected} language={course.language} onDirty={setDirty} />
          ) : (
            <div className="card empty-state">
              <h2>{t('academyCourses.editor.pickTitle')}</h2>
              <p>{t('academyCourses.editor.pickText')}</p>
            </div>
          )}
        </div>
      </div>
    </>
  );
}

type Order = { id: string; lessonIds: string[] }[];

const orderOf = (course: CourseDetail): Order =>
  course.modules.map((m) => ({ id: m.id, lessonIds: m.lessons.map((l) => l.id) }));

function moveModule(order: Order, index: number, by: -1 | 1): Order {
  const next = [...order];
  const [item] = next.splice(index, 1);
  next.splice(index + by, 0, item!);
  return next;
}

/** Moves a lesson within its module, or past the module's edge into the one before or after. */
function moveLesson(order: Order, moduleIndex: number, lessonIndex: number, by: -1 | 1): Order {
  const next = order.map((m) => ({ ...m, lessonIds: [...m.lessonIds] }));
  const module = next[moduleIndex]!;
  const [lessonId] = module.lessonIds.splice(lessonIndex, 1);
  const target = lessonIndex + by;
  if (target >= 0 && target <= module.lessonIds.length) module.lessonIds.splice(target, 0, lessonId!);
  else if (by < 0) next[moduleIndex - 1]!.lessonIds.push(lessonId!);
  else next[moduleIndex + 1]!.lessonIds.unshift(lessonId!);
  return next;
}

function CourseContents({
  course,
  selected,
  onSelect,
}: {
  course: CourseDetail;
  selected: string | null;
  onSelect: (lessonId: string | null) => void;
}) {
  const { t } = useTranslation();
  const content = useCourseContent(course.id);
  const [newModule, setNewModule] = useState('');
  const order = orderOf(course);
  const busy = content.reorder.isPending;
  const error =
    content.addModule.error ??
    content.renameModule.error ??
    content.deleteModule.error ??
    content.addLesson.error ??
    content.deleteLesson.error ??
    content.reorder.error;

  return (
    <section
      className="card course-contents"
      aria-labelledby="course-contents-heading"
      data-testid="course-contents"
    >
      <h2 id="course-contents-heading">{t('academyCourses.editor.contents')}</h2>
      <FormAlert error={error} />
      {course.modules.length === 0 && <p className="muted small">{t('academyCourses.editor.noModules')}</p>}
      <ol className="editor-modules">
        {course.modules.map((module, m) => (
          <li key={module.id} className="editor-module" data-testid="editor-module">
            <ModuleHeader
              title={module.title}
              number={m + 1}
              canMoveUp={m > 0}
              canMoveDown={m < course.modules.length - 1}
              busy={busy}
              onRename={(title) => content.renameModule.mutate({ moduleId: module.id, title })}
              onMove={(by) => content.reorder.mutate(moveModule(order, m, by))}
              onDelete={() =>
                content.deleteModule.mutate(module.id, {
                  onSuccess: () => {
                    if (module.lessons.some((l) => l.id === selected)) onSelect(null);
                  },
                })
              }
            />
            <ol className="editor-lessons">
              {module.lessons.map((lesson, i) => {
                const first = m === 0 && i === 0;
                const last = m === course.modules.length - 1 && i === module.lessons.length - 1;
                const kind =
                  lesson.kind === 'quiz'
                    ? t('academyCourses.editor.kindQuiz')
                    : t('academyCourses.editor.kindLesson');
                return (
                  <li
                    key={lesson.id}
                    className={lesson.id === selected ? 'editor-lesson selected' : 'editor-lesson'}
                    data-testid="editor-lesson"
                  >
                    <button
                      type="button"
                      className="editor-lesson-select"
                      aria-current={lesson.id === selected ? 'true' : undefined}
                      onClick={() => onSelect(lesson.id)}
                    >
                      <span className={`editor-kind ${lesson.kind}`}>{kind}</span>
                      <span lang={course.language}>{lesson.title}</span>
                    </button>
                    <span className="editor-row-actions">
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        disabled={first || busy}
                        aria-label={t('academyCourses.editor.moveUpNamed', { title: lesson.title })}
                        onClick={() => content.reorder.mutate(moveLesson(order, m, i, -1))}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="button button-ghost button-small"
                        disabled={last || busy}
                        aria-label={t('academyCourses.editor.moveDownNamed', { title: lesson.title })}
                        onClick={() => content.reorder.mutate(moveLesson(order, m, i, 1))}
                      >
                        ↓
                      </button>
                      <ConfirmButton
                        label="✕"
                        accessibleLabel={t('academyCourses.editor.deleteNamed', { title: lesson.title })}
                        question={t('academyCourses.editor.deleteLessonQuestion')}
                        confirmLabel={t('academyCourses.editor.delete')}
                        onConfirm={() =>
                          content.deleteLesson.mutate(lesson.id, {
                            onSuccess: () => {
                              if (lesson.id === selected) onSelect(null);
                            },
                          })
                        }
                      />
                    </span>
                  </li>
                );
              })}
            </ol>
            <AddLessonForm
              moduleTitle={module.title}
              pending={content.addLesson.isPending}
              onAdd={(kind, title) =>
                content.addLesson.mutate(
                  { moduleId: module.id, kind, title },
                  { onSuccess: (created) => onSelect(created.id) },
                )
              }
            />
          </li>
        ))}
      </ol>
      <form
        className="editor-add-module"
        onSubmit={(event) => {
          event.preventDefault();
          if (!newModule.trim()) return;
          content.addModule.mutate(newModule.trim(), { onSuccess: () => setNewModule('') });
        }}
      >
        <TextField
          label={t('academyCourses.editor.newModule')}
          name="newModule"
          value={newModule}
          onChange={setNewModule}
        />
        <button type="submit" className="button button-secondary" disabled={content.addModule.isPending}>
          {t('academyCourses.editor.addModule')}
        </button>
      </form>
    </section>
  );
}

function ModuleHeader({
  title,
  number,
  canMoveUp,
  canMoveDown,
  busy,
  onRename,
  onMove,
  onDelete,
}: {
  title: string;
  number: number;
  canMoveUp: boolean;
  canMoveDown: boolean;
  busy: boolean;
  onRename: (title: string) => void;
  onMove: (by: -1 | 1) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { number: formatNumber } = useLocaleFormat();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  const inputId = useId();

  if (editing)
    return (
      <form
        className="editor-module-rename"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) onRename(value.trim());
          setEditing(false);
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          {t('academyCourses.editor.moduleTitle')}
        </label>
        <input
          id={inputId}
          className="course-input"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the person just asked to rename this module.
          autoFocus
        />
        <button type="submit" className="button button-primary button-small">
          {t('academyCourses.common.save')}
        </button>
        <button type="button" className="button button-ghost button-small" onClick={() => setEditing(false)}>
          {t('academyCourses.common.cancel')}
        </button>
      </form>
    );

  return (
    <div className="editor-module-header">
      <h3>
        <span className="course-module-number">
          {t('academyCourses.course.moduleNumber', { n: formatNumber(number) })}
        </span>{' '}
        {title}
      </h3>
      <span className="editor-row-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => {
            setValue(title);
            setEditing(true);
          }}
          aria-label={t('academyCourses.editor.renameNamed', { title })}
        >
          {t('academyCourses.editor.rename')}
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={!canMoveUp || busy}
          aria-label={t('academyCourses.editor.moveUpNamed', { title })}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={!canMoveDown || busy}
          aria-label={t('academyCourses.editor.moveDownNamed', { title })}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <ConfirmButton
          label="✕"
          accessibleLabel={t('academyCourses.editor.deleteNamed', { title })}
          question={t('academyCourses.editor.deleteModuleQuestion')}
          confirmLabel={t('academyCourses.editor.delete')}
          onConfirm={onDelete}
        />
      </span>
    </div>
  );
}

function AddLessonForm({
  moduleTitle,
  pending,
  onAdd,
}: {
  moduleTitle: string;
  pending: boolean;
  onAdd: (kind: LessonKind, title: string) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const inputId = useId();
  const add = (kind: LessonKind) => {
    if (!title.trim()) return;
    onAdd(kind, title.trim());
    setTitle('');
  };
  return (
    <form
      className="editor-add-lesson"
      onSubmit={(event) => {
        event.preventDefault();
        add('lesson');
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        {t('academyCourses.editor.newItemLabel', { module: moduleTitle })}
      </label>
      <input
        id={inputId}
        className="course-input"
        placeholder={t('academyCourses.editor.newItemPlaceholder')}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <span className="editor-row-actions">
        <button
          type="submit"
          className="button button-secondary button-small"
          disabled={pending || !title.trim()}
        >
          {t('academyCourses.editor.addLesson')}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={pending || !title.trim()}
          onClick={() => add('quiz')}
        >
          {t('academyCourses.editor.addQuiz')}
        </button>
      </span>
    </form>
  );
}

function LessonEditor({
  lessonId,
  language,
  onDirty,
}: {
  lessonId: string;
  language: Locale;
  onDirty: (dirty: boolean) => void;
}) {
  const source = useLessonSource(lessonId);
  if (source.error) return <FormAlert error={source.error} />;
  if (!source.data) return <LoadingScreen />;
  return <LessonForm source={source.data} language={language} onDirty={onDirty} />;
}

function LessonForm({
  source,
  language,
  onDirty,
}: {
  source: LessonSource;
  language: Locale;
  onDirty: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveLesson(source.id);
  const [title, setTitle] = useState(source.title);
  const [body, setBody] = useState(source.bodyMarkdown);
  const [questions, setQuestions] = useState<QuizQuestion[]>(source.questions);
  const [showProblems, setShowProblems] = useState(false);
  const [savedOnce, setSavedOnce] = useState(false);
  const fields = fieldErrors(save.error);
  const problems = source.kind === 'quiz' ? quizProblems(questions) : new Map<string, string[]>();
  const dirty =
    title !== source.title ||
    (source.kind === 'lesson'
      ? body !== source.bodyMarkdown
      : JSON.stringify(questions) !== JSON.stringify(source.questions));

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (problems.size > 0) {
      setShowProblems(true);
      return;
    }
    setSavedOnce(false);
    save.mutate(source.kind === 'lesson' ? { title, bodyMarkdown: body } : { title, questions }, {
      onSuccess: () => setSavedOnce(true),
    });
  };

  return (
    <form className="card lesson-editor" onSubmit={submit} noValidate data-testid="lesson-editor">
      <h2>
        {source.kind === 'quiz' ? t('academyCourses.editor.editQuiz') : t('academyCourses.editor.editLesson')}
      </h2>
      <FormAlert error={save.error} fieldNames={['title', 'bodyMarkdown']} />
      <TextField
        label={t('academyCourses.editor.lessonTitle')}
        name="lessonTitle"
        value={title}
        onChange={setTitle}
        error={fields.title}
      />
      {source.kind === 'lesson' ? (
        <MarkdownEditor
          value={body}
          onChange={setBody}
          language={language}
          title={title}
          error={fields.bodyMarkdown}
        />
      ) : (
        <QuizEditor
          questions={questions}
          onChange={setQuestions}
          problems={showProblems ? problems : new Map()}
        />
      )}
      <div className="lesson-editor-footer" aria-live="polite">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('academyCourses.editor.saveLesson')}
        </button>
        {showProblems && problems.size > 0 && (
          <span className="field-error" role="alert">
            {t('academyCourses.editor.fixQuestions')}
          </span>
        )}
        {dirty ? (
          <span className="muted small">{t('academyCourses.editor.unsaved')}</span>
        ) : (
          savedOnce && <span className="lesson-saved">{t('academyCourses.editor.saved')}</span>
        )}
      </div>
    </form>
  );
}

function MarkdownEditor({
  value,
  onChange,
  language,
  title,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  language: Locale;
  title: string;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const html = useMemo(
    () => renderLessonMarkdown(value, { watchVideo: t('academyCourses.lesson.watchVideo'), title }),
    [value, title, t],
  );
  return (
    <div className="md-editor" data-tab={tab}>
      <div className="md-tabs">
        <button
          type="button"
          className="md-tab"
          aria-pressed={tab === 'write'}
          aria-controls={`${id}-write`}
          onClick={() => setTab('write')}
        >
          {t('academyCourses.editor.write')}
        </button>
        <button
          type="button"
          className="md-tab"
          aria-pressed={tab === 'preview'}
          aria-controls={`${id}-preview`}
          onClick={() => setTab('preview')}
        >
          {t('academyCourses.editor.preview')}
        </button>
      </div>
      <div className="md-panes">
        <div className="md-pane md-write" id={`${id}-write`}>
          <label htmlFor={`${id}-text`}>{t('academyCourses.editor.markdownField')}</label>
          <textarea
            id={`${id}-text`}
            className="course-textarea md-textarea"
            value={value}
            lang={language}
            spellCheck
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={`${id}-hint`}
            aria-invalid={error ? true : undefined}
            data-testid="markdown-input"
          />
          <p id={`${id}-hint`} className="field-hint">
            {t('academyCourses.editor.markdownHint')}
          </p>
          {error && <p className="field-error">{error}</p>}
        </div>
        <section
          className="md-pane md-preview"
          id={`${id}-preview`}
          aria-labelledby={`${id}-preview-heading`}
        >
          <p className="md-preview-heading" id={`${id}-preview-heading`}>
            {t('academyCourses.editor.preview')}
          </p>
          <div
            className="lesson-body markdown-body"
            lang={language}
            data-testid="markdown-preview"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html disabled escapes any HTML in the lesson.
            dangerouslySetInnerHTML={{ __html: html }}
          />
        </section>
      </div>
    </div>
  );
}

const OPTION_IDS = 'abcdefghij'.split('');

function newQuestionId(questions: QuizQuestion[]): string {
  const used = new Set(questions.map((q) => q.id));
  let n = questions.length + 1;
  while (used.has(`q${n}`)) n += 1;
  return `q${n}`;
}

const newOption = (options: QuizQuestion['options']) => ({
  id: OPTION_IDS.find((letter) => !options.some((o) => o.id === letter)) ?? `o${options.length + 1}`,
  text: '',
  correct: false,
  explanation: '',
});

/** What keeps each question (by id) from being saved, as text keys. */
function quizProblems(questions: QuizQuestion[]): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  for (const question of questions) {
    const list: string[] = [];
    if (!question.prompt.trim()) list.push('academyCourses.quizEditor.needsPrompt');
    if (question.options.length < 2) list.push('academyCourses.quizEditor.needsTwoOptions');
    if (question.options.some((o) => !o.text.trim())) list.push('academyCourses.quizEditor.needsOptionText');
    const correct = question.options.filter((o) => o.correct).length;
    if (correct === 0) list.push('academyCourses.quizEditor.needsCorrect');
    if (question.kind === 'single' && correct > 1) list.push('academyCourses.quizEditor.singleOneCorrect');
    if (list.length > 0) problems.set(question.id, list);
  }
  return problems;
}

function QuizEditor({
  questions,
  onChange,
  problems,
}: {
  questions: QuizQuestion[];
  onChange: (questions: QuizQuestion[]) => void;
  problems: Map<string, string[]>;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const change = (index: number, question: QuizQuestion) =>
    onChange(questions.map((q, i) => (i === index ? question : q)));

  return (
    <div className="quiz-editor" data-testid="quiz-editor">
      <p className="muted small">{t('academyCourses.quizEditor.intro')}</p>
      {questions.length === 0 && <p className="muted">{t('academyCourses.quizEditor.none')}</p>}
      {questions.map((question, index) => (
        <QuestionEditor
          key={question.id}
          number={number(index + 1)}
          question={question}
          problems={problems.get(question.id) ?? []}
          onChange={(next) => change(index, next)}
          onRemove={() => onChange(questions.filter((_, i) => i !== index))}
        />
      ))}
      <button
        type="button"
        className="button button-secondary"
        onClick={() =>
          onChange([
            ...questions,
            {
              id: newQuestionId(questions),
              prompt: '',
              kind: 'single',
              options: [newOption([]), { ...newOption([]), id: 'b' }],
            },
          ])
        }
      >
        {t('academyCourses.quizEditor.addQuestion')}
      </button>
    </div>
  );
}

function QuestionEditor({
  number,
  question,
  problems,
  onChange,
  onRemove,
}: {
  number: string;
  question: QuizQuestion;
  problems: string[];
  onChange: (question: QuizQuestion) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const setOption = (index: number, patch: Partial<QuizQuestion['options'][number]>) => {
    let options = question.options.map((o, i) => (i === index ? { ...o, ...patch } : o));
    // A single-choice question has one right answer: marking one unmarks the others.
    if (question.kind === 'single' && patch.correct)
      options = options.map((o, i) => ({ ...o, correct: i === index }));
    onChange({ ...question, options });
  };

  return (
    <fieldset className="quiz-editor-question" data-testid="question-editor">
      <legend>{t('academyCourses.quizEditor.questionNumber', { n: number })}</legend>
      {problems.length > 0 && (
        <ul className="field-error quiz-editor-problems">
          {problems.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-prompt`}>{t('academyCourses.quizEditor.prompt')}</label>
        <textarea
          id={`${id}-prompt`}
          className="course-textarea"
          rows={2}
          value={question.prompt}
          onChange={(event) => onChange({ ...question, prompt: event.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('academyCourses.quizEditor.kind')}</label>
        <select
          id={`${id}-kind`}
          className="select"
          value={question.kind}
          onChange={(event) => onChange({ ...question, kind: event.target.value as QuizQuestion['kind'] })}
        >
          <option value="single">{t('academyCourses.quizEditor.single')}</option>
          <option value="multiple">{t('academyCourses.quizEditor.multiple')}</option>
        </select>
      </div>
      <ol className="quiz-editor-options">
        {question.options.map((option, index) => {
          const letter = option.id.toUpperCase();
          return (
            <li key={option.id} className="quiz-editor-option" data-testid="option-editor">
              <div className="quiz-editor-option-row">
                <div className="field">
                  <label htmlFor={`${id}-${option.id}-text`}>
                    {t('academyCourses.quizEditor.optionText', { letter })}
                  </label>
                  <input
                    id={`${id}-${option.id}-text`}
                    className="course-input"
                    value={option.text}
                    onChange={(event) => setOption(index, { text: event.target.value })}
                  />
                </div>
                <label className="quiz-editor-correct">
                  <input
                    type="checkbox"
                    checked={option.correct}
                    onChange={(event) => setOption(index, { correct: event.target.checked })}
                  />
                  {t('academyCourses.quizEditor.correct')}
                </label>
                <button
                  type="button"
                  className="button button-ghost button-small"
                  aria-label={t('academyCourses.quizEditor.removeOptionNamed', { letter })}
                  disabled={question.options.length <= 2}
                  onClick={() =>
                    onChange({ ...question, options: question.options.filter((_, i) => i !== index) })
                  }
                >
                  ✕
                </button>
              </div>
              <div className="field">
                <label htmlFor={`${id}-${option.id}-why`}>
                  {t('academyCourses.quizEditor.explanation', { letter })}
                </label>
                <input
                  id={`${id}-${option.id}-why`}
                  className="course-input"
                  value={option.explanation}
                  onChange={(event) => setOption(index, { explanation: event.target.value })}
                />
              </div>
            </li>
          );
        })}
      </ol>
      <div className="editor-row-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={question.options.length >= OPTION_IDS.length}
          onClick={() =>
            onChange({ ...question, options: [...question.options, newOption(question.options)] })
          }
        >
          {t('academyCourses.quizEditor.addOption')}
        </button>
        <button type="button" className="button button-ghost button-small" onClick={onRemove}>
          {t('academyCourses.quizEditor.removeQuestion')}
        </button>
      </div>
    </fieldset>
  );
}
