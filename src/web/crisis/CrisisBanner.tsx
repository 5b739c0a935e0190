// The banner everyone in a workspace sees while it is in crisis mode. It is announced (role="alert")
// when it appears, then stays as a labelled region, so the poll every 15 s does not repeat it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useCrisisState } from './crisisQueries.ts';
import './crisis.css';

const ANNOUNCED_FOR_MS = 5_000;

/** "14:05" today, the date as well on another day. */
export function useSinceLabel() {
  const format = useLocaleFormat();
  return (iso: string) => {
    const at = new Date(iso);
    const today = new Date().toDateString() === at.toDateString();
    if (!today) return format.dateTime(iso);
    return new Intl.DateTimeFormat(format.locale === 'bn' ? 'bn-BD' : 'en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      // The planner's 24-hour clock, in Bengali too (bn-BD would otherwise say "AM").
      hourCycle: 'h23',
      numberingSystem: format.locale === 'bn' ? 'beng' : 'latn',
    }).format(at);
  };
}

export function CrisisBanner({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const state = useCrisisState(workspaceId);
  const since = useSinceLabel();
  const active = state.data?.active === true;
  const [announcing, setAnnouncing] = useState(false);
  const wasActive = useRef(false);

  useEffect(() => {
    if (active && !wasActive.current) {
      setAnnouncing(true);
      const timer = setTimeout(() => setAnnouncing(false), ANNOUNCED_FOR_MS);
      wasActive.current = true;
      return () => clearTimeout(timer);
    }
    if (!active) wasActive.current = false;
    return undefined;
  }, [active]);

  if (!active || !state.data?.startedAt) return null;
  const content = (
    <>
      <span className="crisis-banner-icon" aria-hidden="true">
        ⚠
      </span>
      <p className="crisis-banner-text">
        <strong>{t('crisis.banner.since', { time: since(state.data.startedAt) })}</strong>{' '}
        {t('crisis.banner.paused')}{' '}
        <span className="crisis-banner-reason">
          {t('crisis.banner.reason', { reason: state.data.reason })}
        </span>
      </p>
      <Link className="crisis-banner-link" to={`/w/${workspaceId}/settings/crisis`}>
        {t('crisis.banner.open')}
      </Link>
    </>
  );
  return announcing ? (
    <div className="crisis-banner" role="alert" data-testid="crisis-banner">
      {content}
    </div>
  ) : (
    <section className="crisis-banner" aria-label={t('crisis.banner.label')} data-testid="crisis-banner">
      {content}
    </section>
  );
}
