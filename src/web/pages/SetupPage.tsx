// First start: creates the owner's account and the first workspace.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useSetup } from '../api/sessionQueries.ts';
import { workspaceHome } from '../app/homePath.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';
import { activeLocale } from '../i18n/i18n.ts';

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setup = useSetup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspaceName, setWorkspaceName] = useState('');
  const fields = fieldErrors(setup.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setup.mutate(
      { name, email, password, workspaceName, locale: activeLocale() },
      { onSuccess: (me) => navigate(workspaceHome(me), { replace: true }) },
    );
  };

  return (
    <AuthLayout title={t('setup.title')} intro={<p>{t('setup.intro')}</p>} wide>
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={setup.error} fieldNames={['name', 'email', 'password', 'workspaceName']} />
        <section className="form-section" aria-labelledby="setup-account">
          <h2 id="setup-account">{t('setup.accountHeading')}</h2>
          <TextField
            label={t('fields.name')}
            name="name"
            value={name}
            onChange={setName}
            autoComplete="name"
            required
            error={fields.name}
            autoFocus
          />
          <TextField
            label={t('fields.email')}
            name="email"
            type="email"
            value={email}
            onChange={setEmail}
            autoComplete="email"
            required
            error={fields.email}
          />
          <TextField
            label={t('fields.password')}
            name="password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            required
            minLength={10}
            hint={t('fields.passwordHint')}
            error={fields.password}
          />
        </section>
        <section className="form-section" aria-labelledby="setup-workspace">
          <h2 id="setup-workspace">{t('setup.workspaceHeading')}</h2>
          <TextField
            label={t('fields.workspaceName')}
            name="workspaceName"
            value={workspaceName}
            onChange={setWorkspaceName}
            autoComplete="organization"
            required
            hint={t('setup.workspaceHint')}
            error={fields.workspaceName}
          />
        </section>
        <button type="submit" className="button button-primary button-block" disabled={setup.isPending}>
          {setup.isPending ? t('setup.submitting') : t('setup.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
