// Sets a new password from an emailed link and signs the person in.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/apiClient.ts';
import { useConfirmPasswordReset } from '../api/sessionQueries.ts';
import { workspaceHome } from '../app/homePath.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const fields = fieldErrors(confirm.error);
  const linkUsedUp = confirm.error instanceof ApiError && confirm.error.status === 410;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    confirm.mutate(
      { token, password },
      { onSuccess: (me) => navigate(workspaceHome(me), { replace: true }) },
    );
  };

  if (!token) {
    return (
      <AuthLayout
        title={t('resetPassword.title')}
        footer={<Link to="/forgot-password">{t('resetPassword.askAgain')}</Link>}
      >
        <p>{t('resetPassword.missingToken')}</p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={t('resetPassword.title')}
      intro={<p>{t('resetPassword.intro')}</p>}
      footer={<Link to="/sign-in">{t('forgotPassword.backToSignIn')}</Link>}
    >
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={confirm.error} fieldNames={['password']} />
        {linkUsedUp && (
          <p>
            <Link to="/forgot-password">{t('resetPassword.askAgain')}</Link>
          </p>
        )}
        <TextField
          label={t('fields.newPassword')}
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          required
          minLength={10}
          hint={t('fields.passwordHint')}
          error={fields.password}
          autoFocus
        />
        <button type="submit" className="button button-primary button-block" disabled={confirm.isPending}>
          {t('resetPassword.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
