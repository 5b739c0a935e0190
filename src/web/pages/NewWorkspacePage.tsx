// Creates another workspace and opens it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { Me } from '../api/apiTypes.ts';
import { useUpdateMe } from '../api/sessionQueries.ts';
import { useCreateWorkspace } from '../api/workspaceQueries.ts';
import { workspaceHome } from '../app/homePath.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextField } from '../components/TextField.tsx';

export function NewWorkspacePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateWorkspace();
  const updateMe = useUpdateMe();
  const [name, setName] = useState('');
  const fields = fieldErrors(create.error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name },
      {
        onSuccess: (workspace) => {
          updateMe.mutate({ currentWorkspaceId: workspace.id });
          navigate(`/w/${encodeURIComponent(workspace.id)}/streams`);
        },
      },
    );
  };

  return (
    <AuthLayout
      title={t('newWorkspace.title')}
      intro={<p>{t('newWorkspace.intro')}</p>}
      footer={me.workspaces.length > 0 ? <Link to={workspaceHome(me)}>{t('common.cancel')}</Link> : undefined}
    >
      <form className="form" onSubmit={submit} noValidate>
        <FormAlert error={create.error} fieldNames={['name']} />
        <TextField
          label={t('fields.workspaceName')}
          name="name"
          value={name}
          onChange={setName}
          required
          error={fields.name}
          autoFocus
        />
        <button type="submit" className="button button-primary button-block" disabled={create.isPending}>
          {t('newWorkspace.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
