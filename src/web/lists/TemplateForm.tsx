// Making or changing a list template (admins and owners): its name, description, and the people in it as
// rows of network and handle that can be added and removed.
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { TextField } from '../components/TextField.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import type { ListTemplate, TemplateInput, TemplateMember } from './listsQueries.ts';
import { cleanMembers, TEMPLATE_NETWORKS } from './templateMembers.ts';

interface Row extends TemplateMember {
  /** Keeps each row's inputs stable while rows above it are removed. */
  key: number;
}

export function TemplateForm({
  template,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  template?: ListTemplate;
  pending: boolean;
  error: unknown;
  onSubmit: (input: TemplateInput) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const headingId = useId();
  const nextKey = useRef(0);
  const newRow = (member: TemplateMember = { network: 'bluesky', handle: '' }): Row => ({
    ...member,
    key: nextKey.current++,
  });
  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [rows, setRows] = useState<Row[]>(() =>
    template && template.members.length > 0 ? template.members.map((member) => newRow(member)) : [newRow()],
  );
  const focusKey = useRef<number | undefined>(undefined);
  const fields = fieldErrors(error);

  const change = (key: number, patch: Partial<TemplateMember>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const addRow = () => {
    const last = rows.at(-1);
    const row = newRow({ network: last?.network ?? 'bluesky', handle: '' });
    focusKey.current = row.key;
    setRows((current) => [...current, row]);
  };

  const removeRow = (key: number) => setRows((current) => current.filter((row) => row.key !== key));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    onSubmit({ name: name.trim(), description: description.trim(), members: cleanMembers(rows) });
  };

  return (
    <form
      className="card form lists-template-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={headingId}
      data-testid="template-form"
    >
      <h2 id={headingId}>
        {template
          ? t('lists.templateForm.editHeading', { name: template.name })
          : t('lists.templateForm.createHeading')}
      </h2>
      <FormAlert error={error} fieldNames={['name', 'description']} />
      <TextField
        label={t('lists.templateForm.name')}
        name="name"
        value={name}
        onChange={setName}
        autoComplete="off"
        required
        error={fields.name}
        autoFocus
      />
      <TextAreaField
        className="lists-textarea-field"
        label={t('lists.templateForm.description')}
        name="description"
        value={description}
        onChange={setDescription}
        error={fields.description}
      />
      <fieldset className="lists-member-rows">
        <legend>{t('lists.templateForm.members')}</legend>
        <p className="field-hint">{t('lists.templateForm.membersHint')}</p>
        {fields.members && <p className="field-error">{fields.members}</p>}
        <ol className="lists-member-row-list">
          {rows.map((row, index) => {
            const position = number(index + 1);
            return (
              <li key={row.key} className="lists-member-row" data-testid="template-member-row">
                <label className="visually-hidden" htmlFor={`${headingId}-network-${row.key}`}>
                  {t('lists.templateForm.networkOf', { position })}
                </label>
                <select
                  id={`${headingId}-network-${row.key}`}
                  className="select"
                  value={row.network}
                  onChange={(event) =>
                    change(row.key, { network: event.target.value as TemplateMember['network'] })
                  }
                >
                  {TEMPLATE_NETWORKS.map((network) => (
                    <option key={network} value={network}>
                      {t(`accounts.networks.${network}`)}
                    </option>
                  ))}
                </select>
                <label className="visually-hidden" htmlFor={`${headingId}-handle-${row.key}`}>
                  {t('lists.templateForm.handleOf', { position })}
                </label>
                <input
                  id={`${headingId}-handle-${row.key}`}
                  className="lists-handle-input"
                  value={row.handle}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={
                    row.network === 'mastodon'
                      ? t('lists.templateForm.mastodonPlaceholder')
                      : t('lists.templateForm.blueskyPlaceholder')
                  }
                  onChange={(event) => change(row.key, { handle: event.target.value })}
                  ref={(element) => {
                    if (element && focusKey.current === row.key) {
                      focusKey.current = undefined;
                      element.focus();
                    }
                  }}
                />
                <button
                  type="button"
                  className="button button-ghost button-small"
                  onClick={() => removeRow(row.key)}
                  aria-label={t('lists.templateForm.removeRow', { position })}
                >
                  {t('lists.templateForm.remove')}
                </button>
              </li>
            );
          })}
        </ol>
        <div>
          <button type="button" className="button button-secondary button-small" onClick={addRow}>
            {t('lists.templateForm.addRow')}
          </button>
        </div>
      </fieldset>
      <div className="lists-form-actions">
        <button type="submit" className="button button-primary" disabled={pending || name.trim() === ''}>
          {pending ? t('lists.form.saving') : template ? t('common.save') : t('lists.templateForm.create')}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
