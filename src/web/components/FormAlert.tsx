// Shows why an action failed: the API's own sentence when it gave one, a translated fallback otherwise.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError } from '../api/apiClient.ts';

export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.message) return error.message;
  if (error instanceof ApiError && error.status === 429) return t('errors.tooManyAttempts');
  if (error instanceof NetworkError) return t('errors.network');
  return t('errors.unexpected');
}

/** The per-input messages of a failed request, keyed by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

/**
 * The alert above a form. When every problem is already shown beside its input, the alert only points there,
 * so the same sentences do not appear twice.
 */
export function FormAlert({ error, fieldNames = [] }: { error: unknown; fieldNames?: string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const fields = Object.keys(fieldErrors(error));
  const allBesideInputs = fields.length > 0 && fields.every((field) => fieldNames.includes(field));
  return (
    <div className="alert alert-error" role="alert">
      {allBesideInputs ? t('errors.checkFields') : errorMessage(error, t)}
    </div>
  );
}

export function SuccessNotice({ children }: { children: React.ReactNode }) {
  return (
    <div className="alert alert-success" role="status">
      {children}
    </div>
  );
}
