// Coaching: coaches and their free slots, booking, my sessions, and my own availability as a coach.
import './CoachingPage.css';
import { type KeyboardEvent, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useWorkspaceContext } from '../../shell/workspaceContext.ts';
import { BookSession } from './BookSession.tsx';
import { CoachProfileForm } from './CoachProfileForm.tsx';
import { MySessions } from './MySessions.tsx';

const TABS = ['book', 'sessions', 'offer'] as const;
type Tab = (typeof TABS)[number];

export function CoachingPage() {
  const { t } = useTranslation();
  const { me, workspace } = useWorkspaceContext();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = TABS.includes(asked as Tab) ? (asked as Tab) : 'book';
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ book: null, sessions: null, offer: null });

  const open = (next: Tab, focus = false) => {
    setParams(next === 'book' ? {} : { tab: next }, { replace: true });
    if (focus) tabRefs.current[next]?.focus();
  };

  /** Arrow keys move between the tabs, Home and End go to the first and the last. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(tab);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index + TABS.length - 1) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    open(TABS[target]!, true);
  };

  return (
    <div className="page coaching-page" data-testid="academy-coaching">
      <div className="page-header">
        <p className="eyebrow">{t('academyCoaching.eyebrow')}</p>
        <h1>{t('academyCoaching.title')}</h1>
        <p className="muted">{t('academyCoaching.intro')}</p>
      </div>
      <div
        className="coaching-tabs"
        role="tablist"
        aria-label={t('academyCoaching.tabs.label')}
        onKeyDown={onKeyDown}
      >
        {TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`coaching-tab-${name}`}
            aria-selected={tab === name}
            // Only the open tab's panel is on the page.
            aria-controls={tab === name ? `coaching-panel-${name}` : undefined}
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? 'coaching-tab active' : 'coaching-tab'}
            onClick={() => open(name)}
          >
            {t(`academyCoaching.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div
        className="coaching-panel"
        role="tabpanel"
        id={`coaching-panel-${tab}`}
        aria-labelledby={`coaching-tab-${tab}`}
        data-testid={`coaching-panel-${tab}`}
      >
        {tab === 'book' && (
          <BookSession
            workspaceId={workspace.id}
            myUserId={me.user.id}
            onOfferCoaching={() => open('offer')}
          />
        )}
        {tab === 'sessions' && <MySessions workspaceId={workspace.id} />}
        {tab === 'offer' && <CoachProfileForm workspaceId={workspace.id} />}
      </div>
    </div>
  );
}
