// The form that makes a list on the network or changes its name and description. Mastodon lists have no
// description, so for a Mastodon account the field is left out and the form says why.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountNetwork } from '../api/apiTypes.ts';
import { FormAlert, fieldErrors } from '../components/FormAlert.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { TextField } from '../components/TextField.tsx';

export interface ListFormValues {
  name: string;
  description: string;
}

export function ListForm({
  network,
  initial,
  heading,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  network: AccountNetwork;
  initial?: ListFormValues;
  heading: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ListFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const hasDescription = network !== 'mastodon';
  const fields = fieldErrors(error);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    onSubmit({ name: name.trim(), description: hasDescription ? description.trim() : '' });
  };

  return (
    <form
      className="form lists-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={headingId}
      data-testid="list-form"
    >
      <h3 id={headingId}>{heading}</h3>
      <FormAlert error={error} fieldNames={['name', 'description']} />
      <TextField
        label={t('lists.form.name')}
        name="name"
        value={name}
        onChange={setName}
        autoComplete="off"
        required
        error={fields.name}
        autoFocus
      />
      {hasDescription ? (
        <TextAreaField
          className="lists-textarea-field"
          label={t('lists.form.description')}
          name="description"
          value={description}
          onChange={setDescription}
          hint={t('lists.form.descriptionHint')}
          error={fields.description}
        />
      ) : (
        <p className="field-hint">{t('lists.form.noDescriptionOnMastodon')}</p>
      )}
      <div className="lists-form-actions">
        <button type="submit" className="button button-primary" disabled={pending || name.trim() === ''}>
          {pending ? t('lists.form.saving') : submitLabel}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
