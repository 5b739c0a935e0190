// The skills self-assessment: the questionnaire, a radar chart of the result, change over time and a learning path.
import './SkillsPage.css';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { LearningPath } from './LearningPath.tsx';
import { Questionnaire } from './Questionnaire.tsx';
import { type Assessment, SKILLS, type Skill, useAssessments, useSkillQuestions } from './skillsQueries.ts';

const SkillsRadar = lazy(() => import('./SkillCharts.tsx').then((m) => ({ default: m.SkillsRadar })));
const SkillsOverTime = lazy(() => import('./SkillCharts.tsx').then((m) => ({ default: m.SkillsOverTime })));

export function SkillsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const history = useAssessments(workspace.id);
  const questions = useSkillQuestions(workspace.id);
  const [taking, setTaking] = useState(false);
  const [justTaken, setJustTaken] = useState(false);

  const results = history.data?.assessments ?? [];
  return (
    <div className="page skills-page" data-testid="academy-skills">
      <div className="page-header">
        <p className="eyebrow">{t('academySkills.eyebrow')}</p>
        <h1>{t('academySkills.title')}</h1>
        <p className="muted">{t('academySkills.intro')}</p>
      </div>
      {history.isPending || questions.isPending ? (
        <LoadingScreen />
      ) : history.error || questions.error ? (
        <FormAlert error={history.error ?? questions.error} />
      ) : taking ? (
        <Questionnaire
          workspaceId={workspace.id}
          questions={questions.data!.questions}
          previous={results[0]?.answers}
          onCancel={() => setTaking(false)}
          onDone={() => {
            setTaking(false);
            setJustTaken(true);
          }}
        />
      ) : results.length === 0 ? (
        <StartCard onStart={() => setTaking(true)} />
      ) : (
        <>
          <ResultCard results={results} focusOnShow={justTaken} onRetake={() => setTaking(true)} />
          {results.length >= 2 && <OverTimeCard results={results} />}
          <LearningPath workspaceId={workspace.id} latest={results[0]!} />
        </>
      )}
    </div>
  );
}

function StartCard({ onStart }: { onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card skills-start" aria-labelledby="skills-start-heading">
      <h2 id="skills-start-heading">{t('academySkills.start.heading')}</h2>
      <p>{t('academySkills.start.body')}</p>
      <ul className="skills-start-list">
        {SKILLS.map((skill) => (
          <li key={skill}>{t(`academySkills.skills.${skill}`)}</li>
        ))}
      </ul>
      <p className="muted">{t('academySkills.start.time')}</p>
      <button type="button" className="button button-primary" onClick={onStart}>
        {t('academySkills.start.button')}
      </button>
    </section>
  );
}

export function useSkillNames(): Record<Skill, string> {
  const { t } = useTranslation();
  return Object.fromEntries(SKILLS.map((skill) => [skill, t(`academySkills.skills.${skill}`)])) as Record<
    Skill,
    string
  >;
}

/** How each result is named: its date, or its date and time when two results share a day. */
function useResultLabels(results: Assessment[]): Record<string, string> {
  const { date, dateTime } = useLocaleFormat();
  const days = results.map((r) => date(r.createdAt));
  const sameDay = new Set(days).size < days.length;
  return Object.fromEntries(results.map((r, i) => [r.id, sameDay ? dateTime(r.createdAt) : days[i]!]));
}

/** "+12", "−5" or "±0", in the page's digits. */
export function useSignedNumber() {
  const { number } = useLocaleFormat();
  return (value: number) =>
    value > 0 ? `+${number(value)}` : value < 0 ? `−${number(-value)}` : `±${number(0)}`;
}

function ResultCard({
  results,
  focusOnShow,
  onRetake,
}: {
  results: Assessment[];
  focusOnShow: boolean;
  onRetake: () => void;
}) {
  const { t } = useTranslation();
  const { number, locale } = useLocaleFormat();
  const signed = useSignedNumber();
  const names = useSkillNames();
  const labels = useResultLabels(results);
  const heading = useRef<HTMLHeadingElement>(null);
  const [latest, previous] = results as [Assessment, Assessment | undefined];

  useEffect(() => {
    if (!focusOnShow) return;
    window.scrollTo({ top: 0 });
    heading.current?.focus();
  }, [focusOnShow]);

  const latestName = t('academySkills.result.latest', { date: labels[latest.id] });
  const previousName = previous ? t('academySkills.result.previous', { date: labels[previous.id] }) : '';
  return (
    <section className="card" aria-labelledby="skills-result-heading" data-testid="skills-result">
      <div className="card-header">
        <h2 id="skills-result-heading" ref={heading} tabIndex={-1}>
          {t('academySkills.result.heading')}
        </h2>
        <button type="button" className="button button-secondary" onClick={onRetake}>
          {t('academySkills.result.retake')}
        </button>
      </div>
      <p className="muted">
        {previous
          ? t('academySkills.result.takenCompared', {
              date: labels[latest.id],
              previous: labels[previous.id],
            })
          : t('academySkills.result.taken', { date: labels[latest.id] })}
      </p>
      <div className="skills-result">
        <Suspense fallback={<div className="skills-radar" />}>
          <SkillsRadar
            key={locale}
            label={t(previous ? 'academySkills.result.radarCompared' : 'academySkills.result.radar')}
            skillNames={names}
            latest={{ name: latestName, scores: latest.scores }}
            previous={previous ? { name: previousName, scores: previous.scores } : undefined}
            formatNumber={number}
          />
        </Suspense>
        <table className="skills-table" data-testid="skills-scores">
          <caption>{t('academySkills.result.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('academySkills.result.skill')}</th>
              <th scope="col" className="skills-number">
                {t('academySkills.result.score')}
              </th>
              {previous && (
                <th scope="col" className="skills-number">
                  {t('academySkills.result.change')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {SKILLS.map((skill) => {
              const change = latest.change?.[skill] ?? 0;
              return (
                <tr key={skill} data-skill={skill}>
                  <th scope="row">{names[skill]}</th>
                  <td className="skills-number">
                    <span className="skills-bar" aria-hidden="true">
                      <span style={{ width: `${latest.scores[skill]}%` }} />
                    </span>
                    {number(latest.scores[skill])}
                  </td>
                  {previous && (
                    <td
                      className={`skills-number skills-change ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`}
                      data-testid="skills-change"
                    >
                      {signed(change)}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OverTimeCard({ results }: { results: Assessment[] }) {
  const { t } = useTranslation();
  const { number, locale } = useLocaleFormat();
  const names = useSkillNames();
  const labels = useResultLabels(results);
  const oldestFirst = [...results].reverse();
  const dated = oldestFirst.map((r) => ({ date: labels[r.id]!, scores: r.scores }));
  return (
    <section className="card" aria-labelledby="skills-history-heading" data-testid="skills-history">
      <h2 id="skills-history-heading">{t('academySkills.history.heading')}</h2>
      <p className="muted">{t('academySkills.history.intro', { count: results.length })}</p>
      <Suspense fallback={<div className="skills-lines" />}>
        <SkillsOverTime
          key={locale}
          label={t('academySkills.history.chart', { count: results.length })}
          skillNames={names}
          results={dated}
          formatNumber={number}
        />
      </Suspense>
      <div className="skills-history-table">
        <table className="skills-table">
          <caption>{t('academySkills.history.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('academySkills.result.skill')}</th>
              {oldestFirst.map((r) => (
                <th scope="col" key={r.id} className="skills-number">
                  {labels[r.id]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SKILLS.map((skill) => (
              <tr key={skill}>
                <th scope="row">{names[skill]}</th>
                {oldestFirst.map((r) => (
                  <td key={r.id} className="skills-number">
                    {number(r.scores[skill])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
