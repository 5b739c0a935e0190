// Pieces the course pages share: addresses, the progress bar, and the badges for language, status and skills.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/apiTypes.ts';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import type { CourseStatus } from './courseQueries.ts';

const enc = encodeURIComponent;

export const coursePaths = (workspaceId: string) => {
  const base = `/w/${enc(workspaceId)}/academy/courses`;
  return {
    list: base,
    create: `${base}/new`,
    course: (courseId: string) => `${base}/${enc(courseId)}`,
    edit: (courseId: string) => `${base}/${enc(courseId)}/edit`,
    lesson: (courseId: string, lessonId: string) => `${base}/${enc(courseId)}/lessons/${enc(lessonId)}`,
  };
};

export function ProgressBar({ percent, label }: { percent: number; label: string }) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const text = t('academyCourses.progress.percentDone', { percent: number(percent) });
  return (
    <div className="course-progress">
      <div
        className="course-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="course-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="course-progress-text">{text}</span>
    </div>
  );
}

export function LanguageBadge({ language }: { language: Locale }) {
  const { t } = useTranslation();
  return <span className="badge">{t(`academyCourses.languages.${language}`)}</span>;
}

export function StatusBadge({ status }: { status: CourseStatus }) {
  const { t } = useTranslation();
  if (status === 'published') return null;
  return <span className="badge course-draft-badge">{t('academyCourses.status.draft')}</span>;
}

export function SkillTags({ skills }: { skills: string[] }) {
  const { t } = useTranslation();
  if (skills.length === 0) return null;
  return (
    <ul className="course-skills" aria-label={t('academyCourses.skills.label')}>
      {skills.map((skill) => (
        <li key={skill} className="course-skill">
          {t(`academyCourses.skills.${skill}`, { defaultValue: skill })}
        </li>
      ))}
    </ul>
  );
}

/** A button that asks once more before doing something that cannot be undone. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  small = true,
  accessibleLabel,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  small?: boolean;
  /** A longer name for screen readers when the visible label is short ("Delete" → "Delete module Basics"). */
  accessibleLabel?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const size = small ? ' button-small' : '';
  if (!asking)
    return (
      <button
        type="button"
        className={`button button-ghost${size}`}
        disabled={disabled}
        aria-label={accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <span className="confirm">
      <span>{question}</span>
      <button
        type="button"
        className={`button button-danger${size}`}
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className={`button button-ghost${size}`} onClick={() => setAsking(false)}>
        {t('academyCourses.common.cancel')}
      </button>
    </span>
  );
}
