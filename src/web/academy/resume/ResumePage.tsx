// The resume builder: profile, certificates, a template and a language, and the PDF.
import './resume.css';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../api/apiTypes.ts';
import { errorMessage, FormAlert, fieldErrors, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { ResumeField } from './ResumeFields.tsx';
import {
  MAX_EDUCATION,
  MAX_EXPERIENCE,
  MAX_SKILLS,
  RESUME_TEMPLATES,
  type Resume,
  type ResumeCertificate,
  type ResumeEducation,
  type ResumeExperience,
  type ResumeProfile,
  type ResumeTemplate,
  resumePdfUrl,
  useResume,
  useSaveResume,
} from './resumeQueries.ts';

interface Keyed<T> {
  key: number;
  value: T;
}

interface Draft extends Omit<ResumeProfile, 'experience' | 'education'> {
  experience: Keyed<ResumeExperience>[];
  education: Keyed<ResumeEducation>[];
}

let nextKey = 1;
const keyed = <T,>(value: T): Keyed<T> => ({ key: nextKey++, value });

function toDraft(resume: Resume): Draft {
  const { profile } = resume;
  return {
    ...profile,
    // Until the profile is first saved, the account's email is a sensible way to be reached.
    contact: resume.updatedAt === null && profile.contact === '' ? resume.email : profile.contact,
    experience: profile.experience.map(keyed),
    education: profile.education.map(keyed),
  };
}

function toProfile(draft: Draft): ResumeProfile {
  return {
    headline: draft.headline,
    summary: draft.summary,
    location: draft.location,
    contact: draft.contact,
    experience: draft.experience.map((item) => item.value),
    education: draft.education.map((item) => item.value),
    skills: draft.skills,
  };
}

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item!);
  return copy;
}

export function ResumePage() {
  const { t } = useTranslation();
  const resume = useResume();
  return (
    <div className="page resume-page" data-testid="academy-resume">
      <div className="page-header">
        <p className="eyebrow">{t('academyResume.eyebrow')}</p>
        <h1>{t('academyResume.title')}</h1>
        <p className="muted">{t('academyResume.intro')}</p>
      </div>
      {resume.isPending && <LoadingScreen />}
      {resume.isError && <p className="alert alert-error">{errorMessage(resume.error, t)}</p>}
      {resume.data && <ResumeEditor resume={resume.data} />}
    </div>
  );
}

function ResumeEditor({ resume }: { resume: Resume }) {
  const { t } = useTranslation();
  const save = useSaveResume();
  const [draft, setDraft] = useState<Draft>(() => toDraft(resume));
  const profile = useMemo(() => toProfile(draft), [draft]);
  const dirty = resume.updatedAt === null || JSON.stringify(profile) !== JSON.stringify(resume.profile);
  const errors = fieldErrors(save.error);

  const change = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    if (save.isSuccess) save.reset();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(profile, { onSuccess: (saved) => setDraft(toDraft(saved)) });
  };

  // Every error the server can name is shown beside its input, so the alert only points there.
  const shownFields = [
    'headline',
    'summary',
    'location',
    'contact',
    'experience',
    'education',
    'skills',
    ...draft.experience.flatMap((_, i) =>
      ['role', 'organisation', 'start', 'end', 'description'].map((f) => `experience.${i}.${f}`),
    ),
    ...draft.education.flatMap((_, i) => ['course', 'institution', 'year'].map((f) => `education.${i}.${f}`)),
    ...draft.skills.map((_, i) => `skills.${i}`),
  ];

  return (
    <>
      <form className="resume-form" onSubmit={submit} noValidate aria-label={t('academyResume.formLabel')}>
        <section className="card" aria-labelledby="resume-about-heading">
          <div className="card-header">
            <h2 id="resume-about-heading">{t('academyResume.about.title')}</h2>
            <span className="badge">{resume.name}</span>
          </div>
          <div className="resume-grid">
            <ResumeField
              label={t('academyResume.about.headline')}
              name="headline"
              value={draft.headline}
              onChange={(headline) => change({ headline })}
              hint={t('academyResume.about.headlineHint')}
              error={errors.headline}
              maxLength={120}
            />
            <ResumeField
              label={t('academyResume.about.location')}
              name="location"
              value={draft.location}
              onChange={(location) => change({ location })}
              hint={t('academyResume.about.locationHint')}
              error={errors.location}
              maxLength={100}
            />
          </div>
          <ResumeField
            label={t('academyResume.about.contact')}
            name="contact"
            kind="textarea"
            rows={3}
            value={draft.contact}
            onChange={(contact) => change({ contact })}
            hint={t('academyResume.about.contactHint')}
            error={errors.contact}
            maxLength={300}
          />
          <ResumeField
            label={t('academyResume.about.summary')}
            name="summary"
            kind="textarea"
            rows={5}
            value={draft.summary}
            onChange={(summary) => change({ summary })}
            hint={t('academyResume.about.summaryHint')}
            error={errors.summary}
            maxLength={2000}
          />
        </section>

        <ExperienceCard
          items={draft.experience}
          errors={errors}
          onChange={(experience) => change({ experience })}
        />
        <EducationCard
          items={draft.education}
          errors={errors}
          onChange={(education) => change({ education })}
        />
        <SkillsCard skills={draft.skills} errors={errors} onChange={(skills) => change({ skills })} />

        <div className="resume-save-bar">
          <FormAlert error={save.error} fieldNames={shownFields} />
          {save.isSuccess && !dirty && <SuccessNotice>{t('academyResume.saved')}</SuccessNotice>}
          <div className="resume-save-row">
            {dirty && <span className="muted small">{t('academyResume.unsaved')}</span>}
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {save.isPending ? t('academyResume.saving') : t('academyResume.save')}
            </button>
          </div>
        </div>
      </form>

      <CertificatesCard certificates={resume.certificates} />
      <DownloadCard dirty={dirty} />
    </>
  );
}

interface ListProps<T> {
  items: Keyed<T>[];
  errors: Record<string, string>;
  onChange: (items: Keyed<T>[]) => void;
}

/** Move up, move down and remove for one entry of a list. */
function ItemActions({
  index,
  count,
  label,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  label: string;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="resume-item-actions">
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={index === 0}
        onClick={() => onMove(index - 1)}
        aria-label={t('academyResume.list.moveUpLabel', { item: label })}
      >
        {t('academyResume.list.moveUp')}
      </button>
      <button
        type="button"
        className="button button-ghost button-small"
        disabled={index === count - 1}
        onClick={() => onMove(index + 1)}
        aria-label={t('academyResume.list.moveDownLabel', { item: label })}
      >
        {t('academyResume.list.moveDown')}
      </button>
      <button
        type="button"
        className="button button-ghost button-small resume-remove"
        onClick={onRemove}
        aria-label={t('academyResume.list.removeLabel', { item: label })}
      >
        {t('academyResume.list.remove')}
      </button>
    </div>
  );
}

function ExperienceCard({ items, errors, onChange }: ListProps<ResumeExperience>) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const update = (index: number, patch: Partial<ResumeExperience>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, value: { ...item.value, ...patch } } : item)));
  return (
    <section className="card" aria-labelledby="resume-experience-heading">
      <div className="card-header">
        <h2 id="resume-experience-heading">{t('academyResume.experience.title')}</h2>
        <span className="badge">
          {format.number(items.length)} / {format.number(MAX_EXPERIENCE)}
        </span>
      </div>
      {errors.experience && <p className="field-error">{errors.experience}</p>}
      {items.length === 0 && <p className="muted">{t('academyResume.experience.empty')}</p>}
      <ol className="resume-items">
        {items.map((item, index) => {
          const label = t('academyResume.experience.item', { number: format.number(index + 1) });
          const error = (field: string) => errors[`experience.${index}.${field}`];
          const current = item.value.end === 'present';
          return (
            <li key={item.key} className="resume-item" data-testid="experience-item">
              <fieldset>
                <legend>{label}</legend>
                <div className="resume-grid">
                  <ResumeField
                    label={t('academyResume.experience.role')}
                    name={`experience-${index}-role`}
                    value={item.value.role}
                    onChange={(role) => update(index, { role })}
                    error={error('role')}
                    required
                    maxLength={120}
                  />
                  <ResumeField
                    label={t('academyResume.experience.organisation')}
                    name={`experience-${index}-organisation`}
                    value={item.value.organisation}
                    onChange={(organisation) => update(index, { organisation })}
                    error={error('organisation')}
                    maxLength={120}
                  />
                  <ResumeField
                    label={t('academyResume.experience.start')}
                    name={`experience-${index}-start`}
                    kind="month"
                    value={item.value.start}
                    onChange={(start) => update(index, { start })}
                    hint={t('academyResume.experience.monthHint')}
                    placeholder="2021-03"
                    error={error('start')}
                    required
                  />
                  <div className="resume-end">
                    {!current && (
                      <ResumeField
                        label={t('academyResume.experience.end')}
                        name={`experience-${index}-end`}
                        kind="month"
                        value={item.value.end}
                        onChange={(end) => update(index, { end })}
                        hint={t('academyResume.experience.endHint')}
                        placeholder="2023-06"
                        error={error('end')}
                      />
                    )}
                    <label className="checkbox-row resume-current">
                      <input
                        type="checkbox"
                        checked={current}
                        onChange={(event) => update(index, { end: event.target.checked ? 'present' : '' })}
                      />
                      <span>{t('academyResume.experience.current')}</span>
                    </label>
                    {current && error('end') && <p className="field-error">{error('end')}</p>}
                  </div>
                </div>
                <ResumeField
                  label={t('academyResume.experience.description')}
                  name={`experience-${index}-description`}
                  kind="textarea"
                  rows={3}
                  value={item.value.description}
                  onChange={(description) => update(index, { description })}
                  error={error('description')}
                  maxLength={1500}
                />
                <ItemActions
                  index={index}
                  count={items.length}
                  label={label}
                  onMove={(to) => onChange(move(items, index, to))}
                  onRemove={() => onChange(items.filter((_, i) => i !== index))}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        disabled={items.length >= MAX_EXPERIENCE}
        onClick={() =>
          onChange([...items, keyed({ role: '', organisation: '', start: '', end: '', description: '' })])
        }
      >
        {t('academyResume.experience.add')}
      </button>
    </section>
  );
}

function EducationCard({ items, errors, onChange }: ListProps<ResumeEducation>) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const update = (index: number, patch: Partial<ResumeEducation>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, value: { ...item.value, ...patch } } : item)));
  return (
    <section className="card" aria-labelledby="resume-education-heading">
      <div className="card-header">
        <h2 id="resume-education-heading">{t('academyResume.education.title')}</h2>
      </div>
      {errors.education && <p className="field-error">{errors.education}</p>}
      {items.length === 0 && <p className="muted">{t('academyResume.education.empty')}</p>}
      <ol className="resume-items">
        {items.map((item, index) => {
          const label = t('academyResume.education.item', { number: format.number(index + 1) });
          const error = (field: string) => errors[`education.${index}.${field}`];
          return (
            <li key={item.key} className="resume-item" data-testid="education-item">
              <fieldset>
                <legend>{label}</legend>
                <div className="resume-grid resume-grid-education">
                  <ResumeField
                    label={t('academyResume.education.course')}
                    name={`education-${index}-course`}
                    value={item.value.course}
                    onChange={(course) => update(index, { course })}
                    error={error('course')}
                    required
                    maxLength={150}
                  />
                  <ResumeField
                    label={t('academyResume.education.institution')}
                    name={`education-${index}-institution`}
                    value={item.value.institution}
                    onChange={(institution) => update(index, { institution })}
                    error={error('institution')}
                    maxLength={150}
                  />
                  <ResumeField
                    label={t('academyResume.education.year')}
                    name={`education-${index}-year`}
                    kind="number"
                    value={item.value.year}
                    onChange={(year) => update(index, { year })}
                    hint={t('academyResume.education.yearHint')}
                    error={error('year')}
                    maxLength={4}
                  />
                </div>
                <ItemActions
                  index={index}
                  count={items.length}
                  label={label}
                  onMove={(to) => onChange(move(items, index, to))}
                  onRemove={() => onChange(items.filter((_, i) => i !== index))}
                />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button button-secondary"
        disabled={items.length >= MAX_EDUCATION}
        onClick={() => onChange([...items, keyed({ course: '', institution: '', year: '' })])}
      >
        {t('academyResume.education.add')}
      </button>
    </section>
  );
}

function SkillsCard({
  skills,
  errors,
  onChange,
}: {
  skills: string[];
  errors: Record<string, string>;
  onChange: (skills: string[]) => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const id = useId();
  const [entry, setEntry] = useState('');
  const full = skills.length >= MAX_SKILLS;
  const skillError = errors.skills ?? skills.map((_, i) => errors[`skills.${i}`]).find(Boolean);

  const add = () => {
    const skill = entry.trim();
    if (!skill || full) return;
    if (!skills.some((s) => s.toLocaleLowerCase() === skill.toLocaleLowerCase()))
      onChange([...skills, skill]);
    setEntry('');
  };

  return (
    <section className="card" aria-labelledby="resume-skills-heading">
      <div className="card-header">
        <h2 id="resume-skills-heading">{t('academyResume.skills.title')}</h2>
        <span className="badge">
          {format.number(skills.length)} / {format.number(MAX_SKILLS)}
        </span>
      </div>
      {skills.length === 0 ? (
        <p className="muted">{t('academyResume.skills.empty')}</p>
      ) : (
        <ul className="resume-chips" aria-label={t('academyResume.skills.listLabel')}>
          {skills.map((skill, index) => (
            <li key={skill} className="resume-chip" data-testid="skill-chip">
              <span>{skill}</span>
              <button
                type="button"
                className="resume-chip-remove"
                aria-label={t('academyResume.skills.remove', { skill })}
                onClick={() => onChange(skills.filter((_, i) => i !== index))}
              >
                <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                  <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="resume-skill-entry">
        <div className="field">
          <label htmlFor={id}>{t('academyResume.skills.label')}</label>
          <input
            id={id}
            value={entry}
            maxLength={50}
            disabled={full}
            onChange={(event) => setEntry(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
            aria-describedby={`${id}-hint`}
            aria-invalid={skillError ? true : undefined}
          />
          <p className="field-hint" id={`${id}-hint`}>
            {full ? t('academyResume.skills.full') : t('academyResume.skills.hint')}
          </p>
          {skillError && <p className="field-error">{skillError}</p>}
        </div>
        <button
          type="button"
          className="button button-secondary"
          onClick={add}
          disabled={full || !entry.trim()}
        >
          {t('academyResume.skills.add')}
        </button>
      </div>
    </section>
  );
}

function CertificatesCard({ certificates }: { certificates: ResumeCertificate[] }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <section className="card" aria-labelledby="resume-certificates-heading">
      <div className="card-header">
        <h2 id="resume-certificates-heading">{t('academyResume.certificates.title')}</h2>
      </div>
      <p className="muted">{t('academyResume.certificates.intro')}</p>
      {certificates.length === 0 ? (
        <p className="resume-empty">{t('academyResume.certificates.empty')}</p>
      ) : (
        <ul className="resume-certificates">
          {certificates.map((certificate) => (
            <li key={certificate.id} data-testid="resume-certificate">
              <span className="resume-certificate-title">{certificate.title}</span>
              <span className="muted small">
                {t('academyResume.certificates.details', {
                  code: certificate.code,
                  date: format.date(certificate.issuedAt),
                })}
              </span>
              <a href={certificate.verifyUrl} className="small">
                {t('academyResume.certificates.verify')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DownloadCard({ dirty }: { dirty: boolean }) {
  const { t, i18n } = useTranslation();
  const [template, setTemplate] = useState<ResumeTemplate>('classic');
  const [language, setLanguage] = useState<Locale>(i18n.language === 'bn' ? 'bn' : 'en');
  return (
    <section className="card" aria-labelledby="resume-download-heading">
      <div className="card-header">
        <h2 id="resume-download-heading">{t('academyResume.download.title')}</h2>
      </div>
      <fieldset className="resume-choice">
        <legend>{t('academyResume.download.template')}</legend>
        <div className="resume-templates">
          {RESUME_TEMPLATES.map((name) => (
            <label key={name} className="resume-template-card" data-testid={`template-${name}`}>
              <input
                type="radio"
                name="resume-template"
                value={name}
                checked={template === name}
                onChange={() => setTemplate(name)}
              />
              <TemplatePreview template={name} />
              <span className="resume-template-name">
                {t(`academyResume.download.templates.${name}.name`)}
              </span>
              <span className="muted small">{t(`academyResume.download.templates.${name}.description`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="resume-choice">
        <legend>{t('academyResume.download.language')}</legend>
        <div className="resume-languages">
          {(['en', 'bn'] as const).map((locale) => (
            <label key={locale} className="resume-language" lang={locale}>
              <input
                type="radio"
                name="resume-language"
                value={locale}
                checked={language === locale}
                onChange={() => setLanguage(locale)}
              />
              <span>{t(`language.${locale}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="resume-download-row">
        {dirty ? (
          <>
            <button
              type="button"
              className="button button-primary"
              disabled
              aria-describedby="resume-save-first"
            >
              {t('academyResume.download.button')}
            </button>
            <p className="muted small" id="resume-save-first">
              {t('academyResume.download.saveFirst')}
            </p>
          </>
        ) : (
          <a className="button button-primary" href={resumePdfUrl(template, language)} download>
            {t('academyResume.download.button')}
          </a>
        )}
      </div>
    </section>
  );
}

/** Which lines of a preview are drawn shorter, like the ends of paragraphs. */
const PREVIEW_LINES = [
  false,
  true,
  false,
  false,
  true,
  false,
  true,
  false,
  false,
  true,
  false,
  true,
  false,
  false,
  true,
  false,
  false,
  true,
];

/** A small drawing of the template's page, made of boxes and lines. */
function TemplatePreview({ template }: { template: ResumeTemplate }) {
  return (
    <span className={`resume-preview resume-preview-${template}`} aria-hidden="true">
      {template === 'modern' && <span className="rp-sidebar" />}
      {template === 'compact' && <span className="rp-band" />}
      <span className="rp-name" />
      <span className="rp-rule" />
      <span className={template === 'compact' ? 'rp-columns' : 'rp-body'}>
        {PREVIEW_LINES.slice(0, template === 'compact' ? 18 : 9).map((short, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed drawing; the lines never move.
          <span key={index} className={short ? 'rp-line rp-short' : 'rp-line'} />
        ))}
      </span>
    </span>
  );
}
