// An invitation link: shows who invites whom to which workspace, and lets the person join, signed in or as a new account.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/apiClient.ts';
import type { InvitationPreview, Me } from '../api/apiTypes.ts';
import { useMe } from '../api/sessionQueries.ts';
import { useAcceptInvitation, useInvitationPreview } from '../api/workspaceQueries.ts';
import { workspaceHome } from '../app/homePath.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { errorMessage, FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { TextField } from '../components/TextField.tsx';
import { activeLocale } from '../i18n/i18n.ts';
import { useLocaleFormat } from '../i18n/localeFormat.ts';

export function InvitePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  const me = useMe();

  if (preview.isPending || me.isPending) return <LoadingScreen />;

  if (preview.isError) {
    return (
      <AuthLayout
        title={t('invite.unavailableTitle')}
        footer={<Link to="/sign-in">{t('invite.goToSignIn')}</Link>}
      >
        <p>{errorMessage(preview.error, t)}</p>
        <p className="muted">{t('invite.unavailableHint')}</p>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title={t('invite.title', { workspace: preview.data.workspaceName })}
      intro={<InvitationSummary preview={preview.data} />}
    >
      {me.data ? (
        <AcceptAsSignedIn token={token} me={me.data} preview={preview.data} />
      ) : preview.data.accountExists ? (
        <SignInFirst token={token} email={preview.data.email} />
      ) : (
        <CreateAccountAndAccept token={token} preview={preview.data} />
      )}
    </AuthLayout>
  );
}

function InvitationSummary({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <div className="invite-summary" data-testid="invitation-summary">
      <p>
        {t('invite.summary', {
          inviter: preview.inviterName,
          workspace: preview.workspaceName,
          role: t(`roles.${preview.role}.name`),
        })}
      </p>
      <p className="muted">{t(`roles.${preview.role}.description`)}</p>
      <p className="muted small">{t('invite.expires', { date: format.date(preview.expiresAt) })}</p>
    </div>
  );
}

function AcceptAsSignedIn({ token, me, preview }: { token: string; me: Me; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const otherAddress = preview.email && preview.email.toLowerCase() !== me.user.email.toLowerCase();
  return (
    <div className="form">
      <FormAlert error={accept.error} />
      <p>{t('invite.signedInAs', { name: me.user.name, email: me.user.email })}</p>
      {otherAddress && (
        <p className="alert alert-warning">{t('invite.addressedTo', { email: preview.email })}</p>
      )}
      <button
        type="button"
        className="button button-primary button-block"
        disabled={accept.isPending}
        onClick={() =>
          accept.mutate(null, { onSuccess: (next) => navigate(workspaceHome(next), { replace: true }) })
        }
      >
        {t('invite.join', { workspace: preview.workspaceName })}
      </button>
    </div>
  );
}

function SignInFirst({ token, email }: { token: string; email: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="form">
      <p>{t('invite.accountExists')}</p>
      <Link className="button button-primary button-block" to={signInPath(token, email)}>
        {t('invite.signInToAccept')}
      </Link>
    </div>
  );
}

function signInPath(token: string, email: string | null | undefined): string {
  const params = new URLSearchParams({ next: `/invite/${token}` });
  if (email) params.set('email', email);
  return `/sign-in?${params.toString()}`;
}

function CreateAccountAndAccept({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation(token);
  const [name, setName] = useState('');
  const [email, setEmail] = useState(preview.email ?? '');
  const [password, setPassword] = useState('');
  const fields = fieldErrors(accept.error);
  const accountExists = accept.error instanceof ApiError && accept.error.status === 409;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    accept.mutate(
      { name, email, password, locale: activeLocale() },
      { onSuccess: (me) => navigate(workspaceHome(me), { replace: true }) },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h2>{t('invite.createAccountHeading')}</h2>
      <FormAlert error={accept.error} fieldNames={['name', 'email', 'password']} />
      {accountExists && (
        <p>
          <Link to={signInPath(token, email)}>{t('invite.signInToAccept')}</Link>
        </p>
      )}
      <TextField
        label={t('fields.name')}
        name="name"
        value={name}
        onChange={setName}
        autoComplete="name"
        required
        error={fields.name}
      />
      <TextField
        label={t('fields.email')}
        name="email"
        type="email"
        value={email}
        onChange={setEmail}
        autoComplete="email"
        required
        hint={preview.email ? t('invite.emailFixed') : undefined}
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
      <button type="submit" className="button button-primary button-block" disabled={accept.isPending}>
        {t('invite.createAndJoin')}
      </button>
      <p className="muted center">
        {t('invite.haveAccount')}{' '}
        <Link to={signInPath(token, preview.email)}>{t('invite.signInInstead')}</Link>
      </p>
    </form>
  );
}
