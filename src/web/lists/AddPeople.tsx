// "Add people": a search box that asks the network for people once typing pauses, and lists what it
// finds with an Add button; people already in the list say so instead.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../components/FormAlert.tsx';
import { useDebouncedValue } from '../components/useDebouncedValue.ts';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { ActorAvatar } from './ActorAvatar.tsx';
import { useActorSearch, useAddListMember } from './listsQueries.ts';

const SEARCH_PAUSE_MS = 350;
const MAX_QUERY_LENGTH = 100;

export function AddPeople({
  workspaceId,
  accountId,
  listId,
  networkName,
  memberIds,
}: {
  workspaceId: string;
  accountId: string;
  listId: string;
  networkName: string;
  memberIds: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const inputId = useId();
  const hintId = useId();
  const [query, setQuery] = useState('');
  const settled = useDebouncedValue(query.trim(), SEARCH_PAUSE_MS);
  const search = useActorSearch(workspaceId, accountId, settled);
  const add = useAddListMember(workspaceId, accountId, listId);
  const typing = query.trim() !== settled;
  const results = settled ? (search.data ?? []) : [];

  let status = '';
  if (settled && (typing || search.isFetching)) status = t('lists.addPeople.searching');
  else if (settled && search.isSuccess)
    status =
      results.length === 0
        ? t('lists.addPeople.noneFound', { query: settled })
        : t('lists.addPeople.found', { count: results.length, formatted: number(results.length) });

  return (
    <section className="lists-section" aria-labelledby="add-people-heading">
      <h3 id="add-people-heading">{t('lists.addPeople.title')}</h3>
      <div className="field">
        <label htmlFor={inputId}>{t('lists.addPeople.label', { network: networkName })}</label>
        <input
          id={inputId}
          type="search"
          name="q"
          value={query}
          maxLength={MAX_QUERY_LENGTH}
          autoComplete="off"
          onChange={(event) => setQuery(event.target.value)}
          aria-describedby={hintId}
          data-testid="people-search"
        />
        <p className="field-hint" id={hintId}>
          {t('lists.addPeople.hint')}
        </p>
      </div>
      <p className="lists-search-status muted" aria-live="polite">
        {status}
      </p>
      <FormAlert error={search.error ?? add.error} />
      {results.length > 0 && (
        <ul className="lists-people" data-testid="people-results">
          {results.map((actor) => {
            const inList = memberIds.has(actor.id);
            return (
              <li key={actor.id} className="lists-person" data-testid="people-result">
                <ActorAvatar person={actor} />
                <span className="lists-person-text">
                  <span className="lists-person-name">{actor.displayName || actor.handle}</span>
                  <span className="lists-person-handle">@{actor.handle}</span>
                </span>
                {inList ? (
                  <span className="badge">{t('lists.addPeople.inList')}</span>
                ) : (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    disabled={add.isPending && add.variables?.id === actor.id}
                    onClick={() => add.mutate(actor)}
                    aria-label={t('lists.addPeople.addNamed', { handle: actor.handle })}
                  >
                    {t('lists.addPeople.add')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
