// The people in an open list, each with their picture, name and handle; roles that may change lists can
// take someone out of it.
import { useTranslation } from 'react-i18next';
import { errorMessage, FormAlert } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { ActorAvatar } from './ActorAvatar.tsx';
import { type NetworkActor, useRemoveListMember } from './listsQueries.ts';

export function ListMembers({
  workspaceId,
  accountId,
  listId,
  members,
  canManage,
}: {
  workspaceId: string;
  accountId: string;
  listId: string;
  members: { data?: NetworkActor[]; isPending: boolean; error: unknown };
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const remove = useRemoveListMember(workspaceId, accountId, listId);

  return (
    <section className="lists-section" aria-labelledby="list-members-heading">
      <h3 id="list-members-heading">{t('lists.members.title')}</h3>
      <FormAlert error={remove.error} />
      {members.isPending && <LoadingScreen />}
      {members.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(members.error, t)}
        </div>
      ) : null}
      {members.data && members.data.length === 0 && (
        <p className="muted" data-testid="list-members-empty">
          {canManage ? t('lists.members.emptyManage') : t('lists.members.empty')}
        </p>
      )}
      {members.data && members.data.length > 0 && (
        <ul className="lists-people" data-testid="list-members">
          {members.data.map((member) => (
            <li key={member.id} className="lists-person" data-testid="list-member">
              <ActorAvatar person={member} />
              <span className="lists-person-text">
                <span className="lists-person-name">{member.displayName || member.handle}</span>
                <span className="lists-person-handle">@{member.handle}</span>
              </span>
              {canManage && (
                <button
                  type="button"
                  className="button button-ghost button-small"
                  disabled={remove.isPending && remove.variables === member.id}
                  onClick={() => remove.mutate(member.id)}
                  aria-label={t('lists.members.removeNamed', { handle: member.handle })}
                >
                  {t('lists.members.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
