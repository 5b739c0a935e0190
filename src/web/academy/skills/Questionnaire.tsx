// The self-assessment form: the statements grouped by skill, each rated 1–5 with labelled radio buttons
// (arrow keys move within a statement), and how many are answered so far.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { SKILLS, type SkillQuestion, useTakeAssessment } from './skillsQueries.ts';

const SCALE = [1, 2, 3, 4, 5] as const;

export function Questionnaire({
  workspaceId,
  questions,
  previous,
  onCancel,
  onDone,
}: {
  workspaceId: string;
  questions: SkillQuestion[];
  /** The last result's ratings, to start from when taking it again. */
  previous?: Record<string, number>;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const take = useTakeAssessment(workspaceId);
  const [answers, setAnswers] = useState<Record<string, number>>(() =>
    Object.fromEntries(questions.filter((q) => previous?.[q.id]).map((q) => [q.id, previous![q.id]!])),
  );
  const [showMissing, setShowMissing] = useState(false);
  const progressId = useId();
  const answered = questions.filter((q) => answers[q.id] !== undefined).length;
  const missing = questions.filter((q) => answers[q.id] === undefined);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (missing.length > 0) {
      setShowMissing(true);
      document.querySelector<HTMLInputElement>(`input[name="${missing[0]!.id}"]`)?.focus();
      return;
    }
    take.mutate(answers, { onSuccess: onDone });
  };

  return (
    <section
      className="card"
      aria-labelledby="skills-questionnaire-heading"
      data-testid="skills-questionnaire"
    >
      <h2 id="skills-questionnaire-heading">{t('academySkills.questionnaire.heading')}</h2>
      <p>{t('academySkills.questionnaire.instructions')}</p>
      {previous && <p className="muted">{t('academySkills.questionnaire.prefilled')}</p>}
      <div className="skills-progress">
        <label htmlFor={progressId}>{t('academySkills.questionnaire.progressLabel')}</label>
        <progress id={progressId} value={answered} max={questions.length} />
        <span aria-live="polite" data-testid="skills-progress">
          {t('academySkills.questionnaire.progress', {
            answered: number(answered),
            total: number(questions.length),
          })}
        </span>
      </div>
      <form onSubmit={submit} noValidate>
        {SKILLS.map((skill) => (
          <fieldset key={skill} className="skills-group">
            <legend>{t(`academySkills.skills.${skill}`)}</legend>
            {questions
              .filter((q) => q.skill === skill)
              .map((q) => (
                <Statement
                  key={q.id}
                  question={q}
                  value={answers[q.id]}
                  unanswered={showMissing && answers[q.id] === undefined}
                  onChange={(value) => setAnswers((current) => ({ ...current, [q.id]: value }))}
                />
              ))}
          </fieldset>
        ))}
        <div className="skills-submit">
          {showMissing && missing.length > 0 && (
            <div className="alert alert-error" role="alert">
              {t('academySkills.questionnaire.missing', {
                count: missing.length,
                n: number(missing.length),
                first: t(`academySkills.questions.${missing[0]!.id}`),
              })}
            </div>
          )}
          <FormAlert error={take.error} />
          <div className="skills-actions">
            <button type="submit" className="button button-primary" disabled={take.isPending}>
              {take.isPending
                ? t('academySkills.questionnaire.submitting')
                : t('academySkills.questionnaire.submit')}
            </button>
            <button type="button" className="button button-ghost" onClick={onCancel}>
              {t('academySkills.questionnaire.cancel')}
            </button>
          </div>
        </div>
      </form>
    </section>
  );
}

function Statement({
  question,
  value,
  unanswered,
  onChange,
}: {
  question: SkillQuestion;
  value: number | undefined;
  unanswered: boolean;
  onChange: (value: number) => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const errorId = useId();
  return (
    <fieldset className={`skills-statement${unanswered ? ' unanswered' : ''}`} data-question-id={question.id}>
      <legend>{t(`academySkills.questions.${question.id}`)}</legend>
      <div className="skills-scale">
        {SCALE.map((rating) => (
          <label key={rating} className="skills-scale-option">
            <input
              type="radio"
              name={question.id}
              value={rating}
              checked={value === rating}
              onChange={() => onChange(rating)}
              aria-describedby={unanswered ? errorId : undefined}
            />
            <span className="skills-scale-number">{number(rating)}</span>{' '}
            <span className="skills-scale-word">{t(`academySkills.scale.${rating}`)}</span>
          </label>
        ))}
      </div>
      {unanswered && (
        <p className="field-error" id={errorId}>
          {t('academySkills.questionnaire.choose')}
        </p>
      )}
    </fieldset>
  );
}
