// The courses recommended for the weakest skills of the latest result, each with why it is there.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { FormAlert } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { type Assessment, SKILLS, useLearningPath } from './skillsQueries.ts';

/** Skills scoring below this get courses; the server uses the same line. */
const WEAK_BELOW = 60;

export function LearningPath({ workspaceId, latest }: { workspaceId: string; latest: Assessment }) {
  const { t } = useTranslation();
  const { number, locale } = useLocaleFormat();
  const path = useLearningPath(workspaceId, locale);
  const anyWeak = SKILLS.some((skill) => latest.scores[skill] < WEAK_BELOW);
  const steps = path.data?.assessmentId === latest.id ? path.data.steps : undefined;

  return (
    <section className="card" aria-labelledby="skills-path-heading" data-testid="skills-path">
      <h2 id="skills-path-heading">{t('academySkills.path.heading')}</h2>
      {path.error ? (
        <FormAlert error={path.error} />
      ) : !steps ? (
        <LoadingScreen />
      ) : steps.length === 0 ? (
        <p className="muted">
          {anyWeak ? t('academySkills.path.noCourses') : t('academySkills.path.allStrong')}
        </p>
      ) : (
        <>
          <p className="muted">{t('academySkills.path.intro')}</p>
          <ol className="skills-path">
            {steps.map(({ course, reason }) => {
              const skill = t(`academySkills.skillsInSentence.${reason.skill}`);
              const score = number(reason.score);
              return (
                <li key={course.id} className="skills-path-item" data-testid="skills-path-course">
                  <h3 lang={course.language}>
                    <Link
                      to={`/w/${encodeURIComponent(workspaceId)}/academy/courses/${encodeURIComponent(course.id)}`}
                    >
                      {course.title}
                    </Link>
                  </h3>
                  <p className="skills-path-reason">
                    {reason.lowest
                      ? t('academySkills.path.reasonLowest', { skill, score })
                      : t('academySkills.path.reason', { skill, score })}
                  </p>
                  {course.summary && (
                    <p className="skills-path-summary" lang={course.language}>
                      {course.summary}
                    </p>
                  )}
                  {course.language !== locale && (
                    <span className="badge">{t(`academySkills.path.language.${course.language}`)}</span>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
