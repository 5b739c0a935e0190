// The workspace's list templates ("people to learn from"): each with its description and its people by
// network. Admins and owners make, change and delete them; everyone can use one to make a real list on a
// connected account, optionally opened as a Streams column.
import './lists.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../api/accountQueries.ts';
import type { SocialAccount } from '../api/apiTypes.ts';
import { errorMessage, FormAlert, SuccessNotice } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { NoAccounts } from './AccountChooser.tsx';
import { ApplyTemplate } from './ApplyTemplate.tsx';
import { ListsTabs } from './ListsTabs.tsx';
import { managesListTemplates } from './listRoles.ts';
import { type ListTemplate, useDeleteTemplate, useListTemplates, useSaveTemplate } from './listsQueries.ts';
import { TemplateForm } from './TemplateForm.tsx';
import { groupByNetwork } from './templateMembers.ts';

type Editing = { mode: 'create' } | { mode: 'edit'; templateId: string } | undefined;

export function ListTemplatesPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const canManage = managesListTemplates(workspace.role);
  const templates = useListTemplates(workspace.id);
  const accounts = useAccounts(workspace.id);
  const save = useSaveTemplate(workspace.id);
  const remove = useDeleteTemplate(workspace.id);
  const [editing, setEditing] = useState<Editing>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const startEditing = (next: Editing) => {
    save.reset();
    remove.reset();
    setNotice(undefined);
    setEditing(next);
  };

  const submit = (templateId: string | undefined) => (input: Parameters<typeof save.mutate>[0]['input']) =>
    save.mutate(
      { templateId, input },
      {
        onSuccess: (saved) => {
          setEditing(undefined);
          setNotice(
            t(templateId ? 'lists.templates.saved' : 'lists.templates.created', { name: saved.name }),
          );
        },
      },
    );

  return (
    <>
      <ListsTabs workspaceId={workspace.id} />
      <div className="page lists-page lists-page-narrow">
        <div className="page-header lists-page-header">
          <div>
            <p className="eyebrow">{t('lists.eyebrow')}</p>
            <h1>{t('lists.templates.title')}</h1>
            <p className="muted">
              {canManage ? t('lists.templates.introManage') : t('lists.templates.intro')}
            </p>
          </div>
          {canManage && editing?.mode !== 'create' && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => startEditing({ mode: 'create' })}
            >
              {t('lists.templates.new')}
            </button>
          )}
        </div>
        {notice && <SuccessNotice>{notice}</SuccessNotice>}
        <FormAlert error={remove.error} />
        {editing?.mode === 'create' && (
          <TemplateForm
            pending={save.isPending}
            error={save.error}
            onSubmit={submit(undefined)}
            onCancel={() => setEditing(undefined)}
          />
        )}
        {templates.isPending && <LoadingScreen />}
        {templates.isError && (
          <div className="alert alert-error" role="alert">
            {errorMessage(templates.error, t)}
          </div>
        )}
        {templates.data?.length === 0 && (
          <section className="card">
            <p className="muted" data-testid="templates-empty">
              {canManage ? t('lists.templates.emptyManage') : t('lists.templates.empty')}
            </p>
          </section>
        )}
        <div className="lists-templates">
          {templates.data?.map((template) =>
            editing?.mode === 'edit' && editing.templateId === template.id ? (
              <TemplateForm
                key={template.id}
                template={template}
                pending={save.isPending}
                error={save.error}
                onSubmit={submit(template.id)}
                onCancel={() => setEditing(undefined)}
              />
            ) : (
              <TemplateCard
                key={template.id}
                workspaceId={workspace.id}
                template={template}
                accounts={accounts.data}
                canManage={canManage}
                deleting={remove.isPending && remove.variables === template.id}
                onEdit={() => startEditing({ mode: 'edit', templateId: template.id })}
                onDelete={() =>
                  remove.mutate(template.id, {
                    onSuccess: () => setNotice(t('lists.templates.deleted', { name: template.name })),
                  })
                }
              />
            ),
          )}
        </div>
      </div>
    </>
  );
}

function TemplateCard({
  workspaceId,
  template,
  accounts,
  canManage,
  deleting,
  onEdit,
  onDelete,
}: {
  workspaceId: string;
  template: ListTemplate;
  accounts: SocialAccount[] | undefined;
  canManage: boolean;
  deleting: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const [applying, setApplying] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingId = `template-${template.id}`;
  const groups = groupByNetwork(template.members);

  return (
    <section className="card lists-template" aria-labelledby={headingId} data-testid="template-card">
      <div className="card-header lists-template-header">
        <h2 id={headingId}>{template.name}</h2>
        <div className="lists-row-actions">
          {confirming ? (
            <span className="confirm">
              <span>{t('lists.templates.confirmDelete', { name: template.name })}</span>
              <button
                type="button"
                className="button button-danger button-small"
                disabled={deleting}
                onClick={onDelete}
              >
                {t('lists.templates.delete')}
              </button>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setConfirming(false)}
              >
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <>
              <button
                type="button"
                className="button button-primary button-small"
                aria-expanded={applying}
                onClick={() => setApplying((open) => !open)}
                aria-label={t('lists.templates.useNamed', { name: template.name })}
              >
                {t('lists.templates.use')}
              </button>
              {canManage && (
                <>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    onClick={onEdit}
                    aria-label={t('lists.templates.editNamed', { name: template.name })}
                  >
                    {t('lists.templates.edit')}
                  </button>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => setConfirming(true)}
                    aria-label={t('lists.templates.deleteNamed', { name: template.name })}
                  >
                    {t('lists.templates.delete')}
                  </button>
                </>
              )}
            </>
          )}
        </div>
      </div>
      {template.description && <p className="lists-detail-description">{template.description}</p>}
      {groups.length === 0 ? (
        <p className="muted">{t('lists.templates.noMembers')}</p>
      ) : (
        <div className="lists-template-groups">
          {groups.map((group) => (
            <div
              key={group.network}
              className="lists-template-group"
              data-testid={`template-group-${group.network}`}
            >
              <h3>
                {t(`accounts.networks.${group.network}`)}{' '}
                <span className="badge">
                  {t('lists.templates.people', {
                    count: group.handles.length,
                    formatted: number(group.handles.length),
                  })}
                </span>
              </h3>
              <ul className="lists-handles">
                {group.handles.map((handle) => (
                  <li key={handle} className="lists-handle">
                    @{handle}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
      {applying &&
        (accounts && accounts.length > 0 ? (
          <ApplyTemplate
            workspaceId={workspaceId}
            template={template}
            accounts={accounts}
            onClose={() => setApplying(false)}
          />
        ) : accounts ? (
          <NoAccounts workspaceId={workspaceId} />
        ) : (
          <LoadingScreen />
        ))}
    </section>
  );
}
