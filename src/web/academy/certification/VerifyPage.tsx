// The public page that confirms a certificate by its code, without signing in.
import './certification.css';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/apiClient.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { errorMessage } from '../../components/FormAlert.tsx';
import { LoadingScreen } from '../../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../../i18n/localeFormat.ts';
import { useVerification, type Verification } from './certificationQueries.ts';

export function VerifyPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const verification = useVerification(code);
  const unknown =
    verification.error instanceof ApiError &&
    (verification.error.status === 404 || verification.error.status === 400);

  return (
    <AuthLayout
      title={t('academyCertification.verify.title')}
      intro={t('academyCertification.verify.intro')}
      wide
    >
      <div className="verify" data-testid="verify-certificate">
        {verification.isPending ? (
          <LoadingScreen />
        ) : verification.data ? (
          <Verified verification={verification.data} />
        ) : unknown ? (
          <div
            className="verify-status verify-status-unknown"
            data-testid="verify-status"
            data-state="not-found"
          >
            <p className="verify-status-label">{t('academyCertification.verify.notFound')}</p>
            <p>{t('academyCertification.verify.notFoundBody', { code: code.toUpperCase() })}</p>
          </div>
        ) : (
          <p className="alert alert-error">{errorMessage(verification.error, t)}</p>
        )}
      </div>
    </AuthLayout>
  );
}

function Verified({ verification }: { verification: Verification }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <>
      {verification.valid ? (
        <div className="verify-status verify-status-valid" data-testid="verify-status" data-state="valid">
          <svg className="verify-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z" fill="currentColor" />
          </svg>
          <p className="verify-status-label">{t('academyCertification.verify.valid')}</p>
        </div>
      ) : (
        <div className="verify-status verify-status-revoked" data-testid="verify-status" data-state="revoked">
          <svg className="verify-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path
              d="M19 6.4 17.6 5 12 10.6 6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12z"
              fill="currentColor"
            />
          </svg>
          <div>
            <p className="verify-status-label">{t('academyCertification.verify.revoked')}</p>
            {verification.revokedAt && (
              <p className="small">
                {t('academyCertification.verify.revokedOn', {
                  date: format.date(verification.revokedAt),
                  reason: verification.revokedReason ?? '',
                })}
              </p>
            )}
          </div>
        </div>
      )}
      <dl className="verify-details">
        <div>
          <dt>{t('academyCertification.verify.holder')}</dt>
          <dd className="verify-holder">{verification.holderName}</dd>
        </div>
        <div>
          <dt>{t('academyCertification.verify.certification')}</dt>
          <dd lang={verification.language}>{verification.title}</dd>
        </div>
        <div>
          <dt>{t('academyCertification.verify.issued')}</dt>
          <dd>{format.date(verification.issuedAt)}</dd>
        </div>
        <div>
          <dt>{t('academyCertification.verify.issuer')}</dt>
          <dd>{verification.issuer}</dd>
        </div>
        <div>
          <dt>{t('academyCertification.verify.code')}</dt>
          <dd className="cert-code">{verification.code}</dd>
        </div>
      </dl>
    </>
  );
}
