// Certifications: exams to take, my certificates, and for admins every certificate with revocation.
import './certification.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage, FormAlert, fieldErrors, SuccessNotice } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { CertificateLinks, Dialog, ExamFacts, NumberField } from './certificationParts.tsx';
import {
  type Certificate,
  type Certification,
  type ExamSettings,
  examPath,
  useCertificates,
  useCertifications,
  useRevokeCertificate,
  useUpdateExamSettings,
} from './certificationQueries.ts';

export function CertificationsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const { locale } = useLocaleFormat();
  const list = useCertifications(workspace.id);
  const canManage = list.data?.canManage ?? false;
  // Exams in the language the page is shown in come first.
  const certifications = [...(list.data?.certifications ?? [])].sort(
    (a, b) => Number(b.language === locale) - Number(a.language === locale),
  );

  return (
    <div className="page cert-page" data-testid="academy-certifications">
      <div className="page-header">
        <p className="eyebrow">{t('academyCertification.eyebrow')}</p>
        <h1>{t('academyCertification.title')}</h1>
        <p className="muted">{t('academyCertification.intro')}</p>
      </div>
      {list.isPending ? (
        <LoadingScreen />
      ) : list.isError ? (
        <p className="alert alert-error">{errorMessage(list.error, t)}</p>
      ) : (
        <>
          <section aria-labelledby="exams-heading">
            <h2 id="exams-heading" className="cert-section-heading">
              {t('academyCertification.exams.heading')}
            </h2>
            {certifications.length === 0 ? (
              <p className="card muted">{t('academyCertification.exams.none')}</p>
            ) : (
              <div className="cert-grid">
                {certifications.map((certification) => (
                  <CertificationCard
                    key={certification.id}
                    certification={certification}
                    workspaceId={workspace.id}
                    canManage={canManage}
                  />
                ))}
              </div>
            )}
          </section>
          <MyCertificates workspaceId={workspace.id} />
          {canManage && <AllCertificates workspaceId={workspace.id} />}
        </>
      )}
    </div>
  );
}

function CertificationCard({
  certification,
  workspaceId,
  canManage,
}: {
  certification: Certification;
  workspaceId: string;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const headingId = useId();
  const held = certification.certificate;
  const valid = held && !held.revokedAt ? held : undefined;
  const running = certification.runningAttempt;
  const canStart = !running && !valid && certification.attemptsLeft > 0 && !certification.cooldownUntil;

  return (
    <article className="card cert-card" aria-labelledby={headingId} data-testid="certification-card">
      <div className="cert-card-top">
        <h3 id={headingId}>{certification.title}</h3>
        <span className="cert-tags">
          <span className="badge" lang={certification.language}>
            {t(`language.${certification.language}`)}
          </span>
          {certification.status === 'draft' && (
            <span className="badge cert-badge-draft">{t('academyCertification.exams.draft')}</span>
          )}
        </span>
      </div>
      {certification.description && <p className="cert-description">{certification.description}</p>}
      <ExamFacts certification={certification} showAttempts={!valid} />

      <div className="cert-state" data-testid="certification-state">
        {valid ? (
          <p className="cert-state-passed">{t('academyCertification.exams.passed', { code: valid.code })}</p>
        ) : held?.revokedAt ? (
          <p className="cert-state-warning">
            {t('academyCertification.exams.revoked', {
              code: held.code,
              reason: held.revokedReason ?? '',
            })}
          </p>
        ) : null}
        {running && (
          <p>{t('academyCertification.exams.running', { time: format.dateTime(running.deadlineAt) })}</p>
        )}
        {!running && !valid && certification.lastResult && !certification.lastResult.passed && (
          <p className="muted">
            {certification.lastResult.scorePercent === null
              ? t('academyCertification.exams.lastTimeRanOut')
              : t('academyCertification.exams.lastScore', {
                  score: format.number(certification.lastResult.scorePercent),
                })}
          </p>
        )}
        {!running && !valid && certification.attemptsLeft === 0 && (
          <p className="cert-state-warning">{t('academyCertification.exams.noAttemptsLeft')}</p>
        )}
        {!running && !valid && certification.attemptsLeft > 0 && certification.cooldownUntil && (
          <p className="cert-state-warning" data-testid="cooldown">
            {t('academyCertification.exams.cooldown', { time: format.dateTime(certification.cooldownUntil) })}
          </p>
        )}
      </div>

      <div className="cert-actions">
        {valid && <CertificateLinks certificateId={valid.id} code={valid.code} />}
        {running && (
          <Link className="button button-primary" to={examPath(workspaceId, certification.id, running.id)}>
            {t('academyCertification.exams.continue')}
          </Link>
        )}
        {canStart && (
          <Link className="button button-primary" to={examPath(workspaceId, certification.id)}>
            {t('academyCertification.exams.start')}
            <span className="visually-hidden">: {certification.title}</span>
          </Link>
        )}
      </div>
      {canManage && <ExamSettingsForm certification={certification} workspaceId={workspaceId} />}
    </article>
  );
}

const SETTING_LIMITS: Record<keyof ExamSettings, [number, number]> = {
  drawCount: [1, 500],
  timeLimitMinutes: [1, 600],
  passPercent: [1, 100],
  maxAttempts: [1, 100],
  cooldownHours: [0, 8760],
};

function ExamSettingsForm({
  certification,
  workspaceId,
}: {
  certification: Certification;
  workspaceId: string;
}) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const update = useUpdateExamSettings(workspaceId, certification.id);
  const initial = (): Record<keyof ExamSettings, string> => ({
    drawCount: String(certification.drawCount),
    timeLimitMinutes: String(certification.timeLimitMinutes),
    passPercent: String(certification.passPercent),
    maxAttempts: String(certification.maxAttempts),
    cooldownHours: String(certification.cooldownHours),
  });
  const [values, setValues] = useState(initial);
  const fields = fieldErrors(update.error);
  const names = Object.keys(SETTING_LIMITS) as (keyof ExamSettings)[];

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    update.mutate(Object.fromEntries(names.map((name) => [name, Number(values[name])])) as ExamSettings);
  };
  const field = (name: keyof ExamSettings, hint?: string) => (
    <NumberField
      key={name}
      label={t(`academyCertification.settings.${name}`)}
      name={name}
      value={values[name]}
      min={SETTING_LIMITS[name][0]}
      max={name === 'drawCount' ? certification.poolSize : SETTING_LIMITS[name][1]}
      onChange={(value) => {
        setValues((current) => ({ ...current, [name]: value }));
        update.reset();
      }}
      hint={hint}
      error={fields[name]}
    />
  );

  return (
    <details className="cert-settings" data-testid="exam-settings">
      <summary>{t('academyCertification.settings.heading')}</summary>
      <form className="cert-settings-form" onSubmit={submit} noValidate>
        <FormAlert error={update.error} fieldNames={names} />
        {update.isSuccess && <SuccessNotice>{t('academyCertification.settings.saved')}</SuccessNotice>}
        <div className="cert-settings-grid">
          {field(
            'drawCount',
            t('academyCertification.settings.drawCountHint', { pool: format.number(certification.poolSize) }),
          )}
          {field('timeLimitMinutes')}
          {field('passPercent')}
          {field('maxAttempts')}
          {field('cooldownHours', t('academyCertification.settings.cooldownHoursHint'))}
        </div>
        <div>
          <button type="submit" className="button button-secondary" disabled={update.isPending}>
            {t('academyCertification.settings.save')}
          </button>
        </div>
      </form>
    </details>
  );
}

function MyCertificates({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const mine = useCertificates(workspaceId, false);
  return (
    <section
      className="card cert-section"
      aria-labelledby="my-certificates-heading"
      data-testid="my-certificates"
    >
      <h2 id="my-certificates-heading">{t('academyCertification.mine.heading')}</h2>
      {mine.isPending ? (
        <LoadingScreen />
      ) : mine.isError ? (
        <p className="alert alert-error">{errorMessage(mine.error, t)}</p>
      ) : mine.data.length === 0 ? (
        <p className="muted">{t('academyCertification.mine.none')}</p>
      ) : (
        <ul className="cert-list">
          {mine.data.map((certificate) => (
            <li key={certificate.id} className="cert-list-item">
              <div className="cert-list-text">
                <strong lang={certificate.language}>{certificate.title}</strong>
                <span className="muted small">
                  {t('academyCertification.mine.issued', {
                    date: format.date(certificate.issuedAt),
                    code: certificate.code,
                  })}
                </span>
                {certificate.revokedAt && (
                  <span className="cert-state-warning small">
                    {t('academyCertification.mine.revoked', {
                      date: format.date(certificate.revokedAt),
                      reason: certificate.revokedReason ?? '',
                    })}
                  </span>
                )}
              </div>
              {!certificate.revokedAt && (
                <CertificateLinks certificateId={certificate.id} code={certificate.code} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AllCertificates({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const all = useCertificates(workspaceId, true);
  const [revoking, setRevoking] = useState<Certificate | undefined>(undefined);
  return (
    <section
      className="card cert-section"
      aria-labelledby="all-certificates-heading"
      data-testid="all-certificates"
    >
      <div className="card-header">
        <h2 id="all-certificates-heading">{t('academyCertification.all.heading')}</h2>
        {all.data && <span className="badge">{format.number(all.data.length)}</span>}
      </div>
      {all.isPending ? (
        <LoadingScreen />
      ) : all.isError ? (
        <p className="alert alert-error">{errorMessage(all.error, t)}</p>
      ) : all.data.length === 0 ? (
        <p className="muted">{t('academyCertification.all.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('academyCertification.all.heading')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('academyCertification.all.holder')}</th>
                <th scope="col">{t('academyCertification.all.certification')}</th>
                <th scope="col">{t('academyCertification.all.code')}</th>
                <th scope="col">{t('academyCertification.all.issued')}</th>
                <th scope="col">{t('academyCertification.all.status')}</th>
              </tr>
            </thead>
            <tbody>
              {all.data.map((certificate) => (
                <tr key={certificate.id} data-testid="certificate-row" data-code={certificate.code}>
                  <td>{certificate.holderName}</td>
                  <td lang={certificate.language}>{certificate.title}</td>
                  <td className="nowrap cert-code">{certificate.code}</td>
                  <td className="nowrap">{format.date(certificate.issuedAt)}</td>
                  <td>
                    {certificate.revokedAt ? (
                      <span className="cert-revoked">
                        <span className="badge cert-badge-revoked">
                          {t('academyCertification.all.revoked')}
                        </span>
                        <span className="small muted">{certificate.revokedReason}</span>
                      </span>
                    ) : (
                      <span className="cert-valid-cell">
                        <span className="badge cert-badge-valid">{t('academyCertification.all.valid')}</span>
                        <button
                          type="button"
                          className="button button-ghost button-small"
                          onClick={() => setRevoking(certificate)}
                        >
                          {t('academyCertification.all.revoke')}
                          <span className="visually-hidden">
                            : {certificate.code}, {certificate.holderName}
                          </span>
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <RevokeDialog workspaceId={workspaceId} certificate={revoking} onClose={() => setRevoking(undefined)} />
    </section>
  );
}

function RevokeDialog({
  workspaceId,
  certificate,
  onClose,
}: {
  workspaceId: string;
  certificate: Certificate | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate(workspaceId);
  const [reason, setReason] = useState('');
  const headingId = useId();
  const reasonId = useId();
  const fields = fieldErrors(revoke.error);

  const close = () => {
    setReason('');
    revoke.reset();
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!certificate) return;
    revoke.mutate({ certificateId: certificate.id, reason }, { onSuccess: close });
  };

  return (
    <Dialog open={certificate !== undefined} onClose={close} labelledBy={headingId} testId="revoke-dialog">
      {certificate && (
        <form className="cert-dialog-body" onSubmit={submit} noValidate>
          <h2 id={headingId}>{t('academyCertification.revoke.heading', { code: certificate.code })}</h2>
          <p>
            {t('academyCertification.revoke.body', {
              name: certificate.holderName,
              title: certificate.title,
            })}
          </p>
          <FormAlert error={revoke.error} fieldNames={['reason']} />
          <div className="field">
            <label htmlFor={reasonId}>{t('academyCertification.revoke.reason')}</label>
            <textarea
              id={reasonId}
              name="reason"
              rows={3}
              required
              maxLength={500}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                revoke.reset();
              }}
              aria-invalid={fields.reason ? true : undefined}
              aria-describedby={fields.reason ? `${reasonId}-error` : `${reasonId}-hint`}
            />
            {fields.reason ? (
              <p className="field-error" id={`${reasonId}-error`}>
                {fields.reason}
              </p>
            ) : (
              <p className="field-hint" id={`${reasonId}-hint`}>
                {t('academyCertification.revoke.reasonHint')}
              </p>
            )}
          </div>
          <div className="cert-dialog-actions">
            <button type="button" className="button button-ghost" onClick={close}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button button-danger"
              disabled={revoke.isPending || reason.trim().length < 3}
            >
              {t('academyCertification.revoke.confirm')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
