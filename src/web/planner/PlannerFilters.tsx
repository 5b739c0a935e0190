// The planner's filters: which accounts, which statuses, which tag. They live in the address, so the
// page reads them back after a reload.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SocialAccount } from '../api/apiTypes.ts';
import { Popover } from '../components/Popover.tsx';
import { NetworkBadge, StatusIcon } from './PostChip.tsx';
import { type ShownStatus, TARGET_STATUSES } from './plannedPosts.ts';
import { hasFilters, type PlannerParams } from './plannerParams.ts';

interface PlannerFiltersProps {
  params: PlannerParams;
  accounts: SocialAccount[];
  onChange: (changes: Partial<PlannerParams>) => void;
  formatNumber: (value: number) => string;
}

const TAG_DELAY_MS = 400;

export function PlannerFilters({ params, accounts, onChange, formatNumber }: PlannerFiltersProps) {
  const { t } = useTranslation();
  const tagId = useId();
  const [tag, setTag] = useState(params.tag);

  // The address changes when the person stops typing, not on every key.
  useEffect(() => {
    if (tag.trim() === params.tag) return;
    const timer = setTimeout(() => onChange({ tag }), TAG_DELAY_MS);
    return () => clearTimeout(timer);
  }, [tag, params.tag, onChange]);

  // Back and forward in the browser change the address under the field.
  useEffect(() => {
    setTag((current) => (current.trim() === params.tag ? current : params.tag));
  }, [params.tag]);

  const toggle = <T extends string>(list: readonly T[], value: T): T[] =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  const countLabel = (label: string, count: number) =>
    count > 0 ? t('planner.filters.withCount', { label, n: formatNumber(count) }) : label;

  return (
    <div className="planner-filters" data-testid="planner-filters">
      <Popover
        buttonLabel={countLabel(t('planner.filters.accounts'), params.accountIds.length)}
        buttonClassName="button button-secondary button-small"
        testId="filter-accounts"
      >
        {() => (
          <fieldset className="planner-fieldset planner-filter-list">
            <legend>{t('planner.filters.accountsLegend')}</legend>
            {accounts.length === 0 && <p className="muted small">{t('planner.filters.noAccounts')}</p>}
            {accounts.map((account) => (
              <label key={account.id} className="planner-option">
                <input
                  type="checkbox"
                  checked={params.accountIds.includes(account.id)}
                  onChange={() => onChange({ accountIds: toggle(params.accountIds, account.id) })}
                />
                <NetworkBadge network={account.network} />@{account.handle}
              </label>
            ))}
          </fieldset>
        )}
      </Popover>
      <Popover
        buttonLabel={countLabel(t('planner.filters.statuses'), params.statuses.length)}
        buttonClassName="button button-secondary button-small"
        testId="filter-statuses"
      >
        {() => (
          <fieldset className="planner-fieldset planner-filter-list">
            <legend>{t('planner.filters.statusesLegend')}</legend>
            {TARGET_STATUSES.map((status: ShownStatus) => (
              <label key={status} className={`planner-option status-text-${status}`}>
                <input
                  type="checkbox"
                  checked={params.statuses.includes(status)}
                  onChange={() => onChange({ statuses: toggle(params.statuses, status) })}
                />
                <StatusIcon status={status} />
                {t(`planner.status.${status}`)}
              </label>
            ))}
          </fieldset>
        )}
      </Popover>
      <div className="planner-tag-field">
        <label htmlFor={tagId}>{t('planner.filters.tag')}</label>
        <input
          id={tagId}
          type="search"
          value={tag}
          placeholder={t('planner.filters.tagPlaceholder')}
          onChange={(event) => setTag(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') onChange({ tag });
          }}
        />
      </div>
      {hasFilters(params) && (
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => {
            setTag('');
            onChange({ accountIds: [], statuses: [], tag: '' });
          }}
        >
          {t('planner.filters.clear')}
        </button>
      )}
    </div>
  );
}
