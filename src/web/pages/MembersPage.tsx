// Settings → Members: who is in the workspace and with which role; owners and admins also rename, invite and manage.
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  type CreatedInvitation,
  type Member,
  ROLES,
  type Role,
  type WorkspaceSummary,
} from '../api/apiTypes.ts';
import { meKey } from '../api/sessionQueries.ts';
import {
  useChangeMemberRole,
  useCreateInvitation,
  useInvitations,
  useMembers,
  useRemoveMember,
  useRenameWorkspace,
  useRevokeInvitation,
} from '../api/workspaceQueries.ts';
import { errorMessage, FormAlert, fieldErrors, SuccessNotice } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { TextField } from '../components/TextField.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';

const manages = (role: Role) => role === 'owner' || role === 'admin';

/** The roles `actor` may hand out; mirrors the server, which has the final say. */
function grantableRoles(actor: Role): Role[] {
  return actor === 'owner' ? [...ROLES] : ROLES.filter((role) => role !== 'owner');
}

export function MembersPage() {
  const { t } = useTranslation();
  const { me, workspace } = useWorkspaceContext();
  const canManage = manages(workspace.role);

  return (
    <div className="page">
      <div className="page-header">
        <p className="eyebrow">{t('settings.title')}</p>
        <h1>{t('members.title')}</h1>
        <p className="muted">{canManage ? t('members.introManage') : t('members.introReadOnly')}</p>
      </div>
      {canManage && <RenameWorkspaceCard workspace={workspace} />}
      <MemberListCard workspace={workspace} myUserId={me.user.id} />
      {canManage && <InviteCard workspace={workspace} />}
      {canManage && <PendingInvitationsCard workspaceId={workspace.id} />}
    </div>
  );
}

function RenameWorkspaceCard({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useTranslation();
  const rename = useRenameWorkspace(workspace.id);
  const [name, setName] = useState(workspace.name);
  const fields = fieldErrors(rename.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    rename.mutate({ name });
  };

  return (
    <section className="card" aria-labelledby="workspace-heading">
      <div className="card-header">
        <h2 id="workspace-heading">{t('workspaceSettings.title')}</h2>
      </div>
      <form className="inline-form" onSubmit={submit} noValidate>
        <FormAlert error={rename.error} fieldNames={['name']} />
        {rename.isSuccess && <SuccessNotice>{t('workspaceSettings.saved')}</SuccessNotice>}
        <div className="inline-form-row">
          <TextField
            label={t('fields.workspaceName')}
            name="workspaceName"
            value={name}
            onChange={(value) => {
              setName(value);
              rename.reset();
            }}
            required
            error={fields.name}
          />
          <button
            type="submit"
            className="button button-secondary"
            disabled={rename.isPending || name.trim() === '' || name === workspace.name}
          >
            {t('common.save')}
          </button>
        </div>
      </form>
      <AltTextSetting workspace={workspace} />
    </section>
  );
}

/** The workspace's rule that every image in a post carries a description. */
function AltTextSetting({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useTranslation();
  const change = useRenameWorkspace(workspace.id);
  return (
    <div className="setting-toggle">
      <FormAlert error={change.error} />
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={change.isPending ? !workspace.requireAltText : workspace.requireAltText}
          disabled={change.isPending}
          onChange={(event) => change.mutate({ requireAltText: event.target.checked })}
          data-testid="require-alt-text"
        />
        <span>
          <strong>{t('workspaceSettings.requireAltText')}</strong>
          <span className="muted field-hint">{t('workspaceSettings.requireAltTextHelp')}</span>
        </span>
      </label>
      {change.isSuccess && <SuccessNotice>{t('workspaceSettings.altTextSaved')}</SuccessNotice>}
    </div>
  );
}

function MemberListCard({ workspace, myUserId }: { workspace: WorkspaceSummary; myUserId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const members = useMembers(workspace.id);
  const changeRole = useChangeMemberRole(workspace.id);
  const remove = useRemoveMember(workspace.id);
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canManage = manages(workspace.role);
  const options = grantableRoles(workspace.role);

  const ownerCount = members.data?.filter((member) => member.role === 'owner').length ?? 0;
  // The last owner cannot leave (the server refuses), so the button is not offered.
  const mayLeave = (member: Member) =>
    member.userId === myUserId && (member.role !== 'owner' || ownerCount > 1);

  const mayManage = (member: Member) =>
    canManage && member.userId !== myUserId && (member.role !== 'owner' || workspace.role === 'owner');

  const removeMember = (member: Member) => {
    remove.mutate(member.userId, {
      onSuccess: async () => {
        setConfirming(undefined);
        if (member.userId === myUserId) {
          await queryClient.invalidateQueries({ queryKey: meKey });
          navigate('/', { replace: true });
        }
      },
    });
  };

  return (
    <section className="card" aria-labelledby="members-heading">
      <div className="card-header">
        <h2 id="members-heading">{t('members.listTitle')}</h2>
        {members.data && (
          <span className="badge" data-testid="member-count">
            {t('members.count', {
              count: members.data.length,
              formatted: format.number(members.data.length),
            })}
          </span>
        )}
      </div>
      <FormAlert error={changeRole.error ?? remove.error} />
      {members.isPending && <LoadingScreen />}
      {members.isError && <p className="alert alert-error">{errorMessage(members.error, t)}</p>}
      {members.data && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('members.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('members.columns.person')}</th>
                <th scope="col">{t('members.columns.role')}</th>
                <th scope="col">{t('members.columns.joined')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('members.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <tr key={member.userId} data-testid="member-row">
                  <td>
                    <div className="person">
                      <span className="person-name">
                        {member.name}
                        {member.userId === myUserId && <span className="tag">{t('members.you')}</span>}
                      </span>
                      <span className="person-email">{member.email}</span>
                    </div>
                  </td>
                  <td>
                    {mayManage(member) ? (
                      <select
                        className="select"
                        aria-label={t('members.roleFor', { name: member.name })}
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) =>
                          changeRole.mutate({ userId: member.userId, role: event.target.value as Role })
                        }
                      >
                        {(options.includes(member.role) ? options : [member.role, ...options]).map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}.name`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className={`role role-${member.role}`}>{t(`roles.${member.role}.name`)}</span>
                    )}
                  </td>
                  <td className="nowrap">{format.date(member.joinedAt)}</td>
                  <td className="actions">
                    {confirming === member.userId ? (
                      <span className="confirm">
                        <span>
                          {member.userId === myUserId
                            ? t('members.confirmLeave')
                            : t('members.confirmRemove', { name: member.name })}
                        </span>
                        <button
                          type="button"
                          className="button button-danger button-small"
                          disabled={remove.isPending}
                          onClick={() => removeMember(member)}
                        >
                          {member.userId === myUserId ? t('members.leave') : t('members.remove')}
                        </button>
                        <button
                          type="button"
                          className="button button-ghost button-small"
                          onClick={() => setConfirming(undefined)}
                        >
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      (mayManage(member) || mayLeave(member)) && (
                        <button
                          type="button"
                          className="button button-ghost button-small"
                          onClick={() => {
                            remove.reset();
                            setConfirming(member.userId);
                          }}
                          aria-label={
                            member.userId === myUserId
                              ? t('members.leaveWorkspace', { workspace: workspace.name })
                              : t('members.removeNamed', { name: member.name })
                          }
                        >
                          {member.userId === myUserId ? t('members.leave') : t('members.remove')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InviteCard({ workspace }: { workspace: WorkspaceSummary }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const create = useCreateInvitation(workspace.id);
  const [role, setRole] = useState<Role>('editor');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<CreatedInvitation | undefined>(undefined);
  const roleId = useId();
  const roleHintId = useId();
  const fields = fieldErrors(create.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = email.trim();
    create.mutate(trimmed ? { role, email: trimmed } : { role }, {
      onSuccess: (invitation) => {
        setCreated(invitation);
        setEmail('');
      },
    });
  };

  return (
    <section className="card" aria-labelledby="invite-heading">
      <div className="card-header">
        <h2 id="invite-heading">{t('invitations.createTitle')}</h2>
      </div>
      <p className="muted">{t('invitations.createIntro')}</p>
      <form className="invite-form" onSubmit={submit} noValidate>
        <FormAlert error={create.error} fieldNames={['email']} />
        <div className="invite-form-row">
          <div className="field">
            <label htmlFor={roleId}>{t('fields.role')}</label>
            <select
              id={roleId}
              className="select"
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              aria-describedby={roleHintId}
            >
              {grantableRoles(workspace.role).map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}.name`)}
                </option>
              ))}
            </select>
            <p className="field-hint" id={roleHintId}>
              {t(`roles.${role}.description`)}
            </p>
          </div>
          <TextField
            label={t('fields.emailOptional')}
            name="email"
            type="email"
            value={email}
            onChange={setEmail}
            autoComplete="off"
            hint={t('invitations.emailHint')}
            error={fields.email}
          />
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('invitations.create')}
          </button>
        </div>
      </form>
      {created && (
        <div className="invite-result" data-testid="invitation-result">
          <p>
            {created.email
              ? t('invitations.createdEmailed', { email: created.email })
              : t('invitations.createdLink', { role: t(`roles.${created.role}.name`) })}
          </p>
          <CopyableLink link={created.link} />
          <p className="muted small">
            {t('invitations.expires', { date: format.dateTime(created.expiresAt) })}
          </p>
        </div>
      )}
    </section>
  );
}

function CopyableLink({ link }: { link: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied('yes');
    } catch {
      // Without clipboard permission the person can still select the link by hand.
      (document.getElementById(inputId) as HTMLInputElement | null)?.select();
      setCopied('failed');
    }
  };

  return (
    <div className="copy-link">
      <label htmlFor={inputId} className="visually-hidden">
        {t('invitations.linkLabel')}
      </label>
      <input
        id={inputId}
        className="copy-link-input"
        readOnly
        value={link}
        onFocus={(event) => event.target.select()}
        data-testid="invitation-link"
      />
      <button type="button" className="button button-secondary" onClick={() => void copy()}>
        {t('invitations.copy')}
      </button>
      <span className="copy-status" role="status">
        {copied === 'yes' ? t('invitations.copied') : copied === 'failed' ? t('invitations.copyFailed') : ''}
      </span>
    </div>
  );
}

function PendingInvitationsCard({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  const invitations = useInvitations(workspaceId, true);
  const revoke = useRevokeInvitation(workspaceId);

  return (
    <section className="card" aria-labelledby="pending-heading">
      <div className="card-header">
        <h2 id="pending-heading">{t('invitations.pendingTitle')}</h2>
        {invitations.data && (
          <span className="badge">
            {t('invitations.count', {
              count: invitations.data.length,
              formatted: format.number(invitations.data.length),
            })}
          </span>
        )}
      </div>
      <FormAlert error={revoke.error} />
      {invitations.isPending && <LoadingScreen />}
      {invitations.isError && <p className="alert alert-error">{errorMessage(invitations.error, t)}</p>}
      {invitations.data && invitations.data.length === 0 && <p className="muted">{t('invitations.none')}</p>}
      {invitations.data && invitations.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('invitations.pendingTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invitations.columns.for')}</th>
                <th scope="col">{t('members.columns.role')}</th>
                <th scope="col">{t('invitations.columns.created')}</th>
                <th scope="col">{t('invitations.columns.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('members.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((invitation) => (
                <tr key={invitation.id} data-testid="invitation-row">
                  <td>
                    {invitation.email ?? <span className="muted">{t('invitations.anyoneWithLink')}</span>}
                  </td>
                  <td>
                    <span className={`role role-${invitation.role}`}>
                      {t(`roles.${invitation.role}.name`)}
                    </span>
                  </td>
                  <td className="nowrap">{format.date(invitation.createdAt)}</td>
                  <td className="nowrap">{format.date(invitation.expiresAt)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(invitation.id)}
                    >
                      {t('invitations.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
