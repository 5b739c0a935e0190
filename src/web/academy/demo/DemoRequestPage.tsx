// The public form for asking for a demo.
import './demo.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { FormAlert, fieldErrors } from '../../components/FormAlert.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { type DemoRequestForm, TEAM_SIZES, TooManyDemoRequests, useSendDemoRequest } from './demoQueries.ts';

const EMPTY: DemoRequestForm = { name: '', email: '', company: '', teamSize: '', message: '', website: '' };
const FIELDS = ['name', 'email', 'company', 'teamSize', 'message'];

export function DemoRequestPage() {
  const { t } = useTranslation();
  const send = useSendDemoRequest();
  const [form, setForm] = useState<DemoRequestForm>(EMPTY);
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    send.mutate(form, {
      onSuccess: () => {
        setSentTo(form.email.trim());
        setForm(EMPTY);
      },
    });
  };

  return (
    <AuthLayout
      title={t('academyDemo.form.title')}
      intro={<p>{t('academyDemo.form.intro')}</p>}
      wide
      footer={
        <p>
          {t('academyDemo.form.haveAccount')} <Link to="/sign-in">{t('academyDemo.form.signIn')}</Link>
        </p>
      }
    >
      <div data-testid="demo-request">
        {sentTo !== undefined ? (
          <div className="demo-thanks" role="status" data-testid="demo-request-sent">
            <svg className="demo-thanks-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" fill="currentColor" />
            </svg>
            <h2>{t('academyDemo.form.thanksTitle')}</h2>
            <p>{t('academyDemo.form.thanksBody', { email: sentTo })}</p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setSentTo(undefined);
                send.reset();
              }}
            >
              {t('academyDemo.form.another')}
            </button>
          </div>
        ) : (
          <DemoForm form={form} setForm={setForm} send={send} onSubmit={submit} />
        )}
      </div>
    </AuthLayout>
  );
}

function DemoForm({
  form,
  setForm,
  send,
  onSubmit,
}: {
  form: DemoRequestForm;
  setForm: (form: DemoRequestForm) => void;
  send: ReturnType<typeof useSendDemoRequest>;
  onSubmit: (event: React.FormEvent) => void;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const id = useId();
  const errors = fieldErrors(send.error);
  const change = (patch: Partial<DemoRequestForm>) => setForm({ ...form, ...patch });
  const limited = send.error instanceof TooManyDemoRequests ? send.error : undefined;

  return (
    <form className="form demo-form" onSubmit={onSubmit} noValidate>
      {limited ? (
        <div className="alert alert-error" role="alert" data-testid="demo-too-many">
          {limited.minutes !== undefined
            ? t('academyDemo.form.tooMany', {
                count: limited.minutes,
                minutes: format.number(limited.minutes),
              })
            : t('academyDemo.form.tooManyLater')}
        </div>
      ) : (
        <FormAlert error={send.error} fieldNames={FIELDS} />
      )}
      <div className="demo-form-row">
        <TextField
          label={t('academyDemo.form.name')}
          name="name"
          value={form.name}
          onChange={(name) => change({ name })}
          autoComplete="name"
          required
          error={errors.name}
        />
        <TextField
          label={t('academyDemo.form.email')}
          name="email"
          type="email"
          value={form.email}
          onChange={(email) => change({ email })}
          autoComplete="email"
          required
          error={errors.email}
        />
      </div>
      <div className="demo-form-row">
        <TextField
          label={t('academyDemo.form.company')}
          name="company"
          value={form.company}
          onChange={(company) => change({ company })}
          autoComplete="organization"
          required
          error={errors.company}
        />
        <div className="field">
          <label htmlFor={`${id}-team`}>{t('academyDemo.form.teamSize')}</label>
          <select
            id={`${id}-team`}
            name="teamSize"
            className="select demo-select"
            value={form.teamSize}
            onChange={(event) => change({ teamSize: event.target.value as DemoRequestForm['teamSize'] })}
            required
            aria-invalid={errors.teamSize ? true : undefined}
            aria-describedby={errors.teamSize ? `${id}-team-error` : undefined}
          >
            <option value="">{t('academyDemo.form.chooseTeamSize')}</option>
            {TEAM_SIZES.map((size) => (
              <option key={size} value={size}>
                {t(`academyDemo.teamSizes.${size}`)}
              </option>
            ))}
          </select>
          {errors.teamSize && (
            <p className="field-error" id={`${id}-team-error`}>
              {t('academyDemo.form.teamSizeMissing')}
            </p>
          )}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-message`}>{t('academyDemo.form.message')}</label>
        <textarea
          id={`${id}-message`}
          name="message"
          className="demo-textarea"
          rows={5}
          maxLength={2000}
          value={form.message}
          onChange={(event) => change({ message: event.target.value })}
          aria-invalid={errors.message ? true : undefined}
          aria-describedby={`${id}-message-hint`}
        />
        <p className="field-hint" id={`${id}-message-hint`}>
          {t('academyDemo.form.messageHint')}
        </p>
        {errors.message && <p className="field-error">{errors.message}</p>}
      </div>
      {/* A trap for form-filling robots: hidden from people and screen readers, so only robots fill it. */}
      <div className="demo-trap" aria-hidden="true">
        <label htmlFor={`${id}-website`}>{t('academyDemo.form.honeypot')}</label>
        <input
          id={`${id}-website`}
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={form.website}
          onChange={(event) => change({ website: event.target.value })}
        />
      </div>
      <button type="submit" className="button button-primary button-block" disabled={send.isPending}>
        {send.isPending ? t('academyDemo.form.sending') : t('academyDemo.form.submit')}
      </button>
      <p className="muted small demo-privacy">{t('academyDemo.form.privacy')}</p>
    </form>
  );
}
