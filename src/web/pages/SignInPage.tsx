// Sign-in with email and password; returns to the page that asked for it (for example an invitation).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useSignIn } from '../api/sessionQueries.ts';
import { safeReturnPath, workspaceHome } from '../app/homePath.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const signIn = useSignIn();
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const fields = fieldErrors(signIn.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email, password },
      { onSuccess: (me) => navigate(next ?? workspaceHome(me), { replace: true }) },
    );
  };

  return (
    <AuthLayout
      title={t('signIn.title')}
      intro={
        next?.startsWith('/invite/') ? <p>{t('signIn.toAcceptInvitation')}</p> : <p>{t('signIn.intro')}</p>
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={signIn.error} fieldNames={['email', 'password']} />
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
        <TextField
          label={t('fields.password')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          required
          error={fields.password}
        />
        <div className="form-row-end">
          <Link to="/forgot-password">{t('signIn.forgotPassword')}</Link>
        </div>
        <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
