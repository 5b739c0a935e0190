// Asks for a password reset link by email; the answer never says whether the address has an account.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRequestPasswordReset } from '../api/sessionQueries.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormAlert, fieldErrors, SuccessNotice } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const fields = fieldErrors(request.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    request.mutate({ email });
  };

  return (
    <AuthLayout
      title={t('forgotPassword.title')}
      intro={<p>{t('forgotPassword.intro')}</p>}
      footer={<Link to="/sign-in">{t('forgotPassword.backToSignIn')}</Link>}
    >
      {request.isSuccess ? (
        <SuccessNotice>{t('forgotPassword.sent')}</SuccessNotice>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <FormAlert error={request.error} fieldNames={['email']} />
          <TextField
            label={t('fields.email')}
            name="email"
            type="email"
            value={email}
            onChange={setEmail}
            autoComplete="email"
            required
            error={fields.email}
            autoFocus
          />
          <button type="submit" className="button button-primary button-block" disabled={request.isPending}>
            {t('forgotPassword.submit')}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
