// Publisher → Planner: every account's posts on a calendar (week, month, or a list by day) in the
// person's own time zone, with filters kept in the address, live status from the server, drag to move,
// and a side panel to read a post and act on it.
import './PlannerPage.css';
import {
  type DragEvent,
  type RefObject,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAccounts } from '../api/accountQueries.ts';
import { ApprovalQueueLink } from '../approvals/ApprovalQueueLink.tsx';
import { errorMessage } from '../components/FormAlert.tsx';
import {
  browserTimeZone,
  type Day,
  dayOf,
  firstDayOfWeek,
  instantAt,
  monthDropInstant,
  PLANNER_VIEWS,
  type PlannerView,
  rangeOf,
  shiftAnchor,
  visibleDays,
  weekDropInstant,
} from '../planner/calendarDates.ts';
import { ListView } from '../planner/ListView.tsx';
import { MonthView } from '../planner/MonthView.tsx';
import { PlannerFilters } from '../planner/PlannerFilters.tsx';
import { type ChipVariant, PostChip } from '../planner/PostChip.tsx';
import { type Notice, PostPanel } from '../planner/PostPanel.tsx';
import {
  isMovable,
  type PlannedPost,
  type PlannerEntry,
  plannerEntries,
  shownAt,
} from '../planner/plannedPosts.ts';
import { usePlannerFormat } from '../planner/plannerFormat.ts';
import {
  hasFilters,
  type PlannerParams,
  readPlannerParams,
  writePlannerParams,
} from '../planner/plannerParams.ts';
import { usePlannedPosts, usePost, useReschedulePost } from '../planner/plannerQueries.ts';
import { usePostEvents } from '../planner/usePostEvents.ts';
import { WeekView } from '../planner/WeekView.tsx';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';

const QUARTER_MS = 15 * 60_000;

/** The current time, again every half minute, so past slots and "today" stay right on an open page. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Keeps the side panel below the app's sticky top bar, whatever height the bar has. */
function usePanelBelowTopBar(pageRef: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>('.topbar');
    const page = pageRef.current;
    if (!bar || !page || typeof ResizeObserver === 'undefined') return;
    const place = () => page.style.setProperty('--panel-top', `${bar.getBoundingClientRect().height}px`);
    const observer = new ResizeObserver(place);
    observer.observe(bar);
    place();
    return () => observer.disconnect();
  }, [pageRef]);
}

/** The chip a link to a post opens: the first part of the copy shown earliest (undated ones last). */
function firstShownTarget(post: PlannedPost): { id: string; at: string | null } | undefined {
  const chips = post.targets
    .filter((target) => target.threadPosition === 0)
    .map((target) => ({ id: target.id, at: shownAt(target) }));
  chips.sort((a, b) => (a.at ?? '\uffff').localeCompare(b.at ?? '\uffff'));
  return chips[0];
}

export function PlannerPage() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const workspaceId = workspace.id;
  const canAct = workspace.role !== 'viewer';
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const params = useMemo(() => readPlannerParams(searchParams), [searchParams]);
  const timeZone = useMemo(browserTimeZone, []);
  const format = usePlannerFormat(timeZone);
  const firstDay = firstDayOfWeek(format.localeTag);
  const now = useNow();
  const today = dayOf(new Date(now), timeZone);
  const anchor = params.day ?? today;
  const view = params.view;
  const days = useMemo(() => visibleDays(view, anchor, firstDay), [view, anchor, firstDay]);
  const range = useMemo(() => rangeOf(days, timeZone), [days, timeZone]);

  const posts = usePlannedPosts(workspaceId, range, params);
  const accounts = useAccounts(workspaceId);
  const reschedule = useReschedulePost(workspaceId);
  usePostEvents(workspaceId);

  const entries = useMemo(() => plannerEntries(posts.data ?? []), [posts.data]);
  const dayList = useMemo(() => new Set(days), [days]);
  const dated = entries.filter((entry) => entry.at && dayList.has(dayOf(new Date(entry.at), timeZone)));
  const undated = entries.filter((entry) => !entry.at);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = selectedId ? entries.find((entry) => entry.target.id === selectedId) : undefined;
  const [notice, setNotice] = useState<Notice | null>(null);

  // ?post=<id> (a notification's link): the calendar moves to the post's time and its panel opens.
  const linkedPostId = searchParams.get('post');
  const linked = usePost(workspaceId, linkedPostId);
  useEffect(() => {
    if (!linkedPostId || linked.isPending) return;
    const first = linked.data ? firstShownTarget(linked.data) : undefined;
    setSearchParams(
      (current) => {
        const next = first
          ? writePlannerParams(current, { day: first.at ? dayOf(new Date(first.at), timeZone) : null })
          : new URLSearchParams(current);
        next.delete('post');
        return next;
      },
      { replace: true },
    );
    if (first) setSelectedId(first.id);
    else setNotice({ kind: 'error', text: t('planner.linkedPostMissing') });
  }, [linkedPostId, linked.isPending, linked.data, setSearchParams, timeZone, t]);
  const dragged = useRef<PlannerEntry | null>(null);
  const panelId = useId();
  const rangeHeadingId = useId();
  const pageRef = useRef<HTMLDivElement>(null);
  usePanelBelowTopBar(pageRef);

  // A notice is a sentence in the language it was said in; a new language starts without it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the language changes.
  useEffect(() => setNotice(null), [i18n.language]);

  const update = useCallback(
    (changes: Partial<PlannerParams>, options: { replace?: boolean } = {}) =>
      setSearchParams((current) => writePlannerParams(current, changes), options),
    [setSearchParams],
  );
  const updateFilters = useCallback(
    (changes: Partial<PlannerParams>) => update(changes, { replace: true }),
    [update],
  );

  const closePanel = useCallback(() => {
    const id = selectedId;
    setSelectedId(null);
    // Focus goes back to the chip that opened the panel, wherever it is drawn now.
    requestAnimationFrame(() => {
      const chip = id
        ? document.querySelector<HTMLElement>(`[data-testid="planner-chip"][data-target-id="${id}"]`)
        : null;
      // A deleted post leaves no chip; the calendar's heading is the next best place.
      (chip ?? document.getElementById(rangeHeadingId))?.focus();
    });
  }, [selectedId, rangeHeadingId]);

  const compose = (at: Date) => {
    const earliest = Math.ceil((Date.now() + 60_000) / QUARTER_MS) * QUARTER_MS;
    const when = at.getTime() < earliest ? new Date(earliest) : at;
    navigate(`/w/${encodeURIComponent(workspaceId)}/compose?at=${encodeURIComponent(when.toISOString())}`);
  };

  const onDragStart = (entry: PlannerEntry, event: DragEvent<HTMLButtonElement>) => {
    if (!canAct) {
      event.preventDefault();
      setNotice({ kind: 'error', text: t('planner.drag.readOnly') });
      return;
    }
    if (!isMovable(entry.target.status)) {
      event.preventDefault();
      setNotice({
        kind: 'error',
        text: t('planner.drag.refusedStatus', { status: t(`planner.status.${entry.target.status}`) }),
      });
      return;
    }
    dragged.current = entry;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', entry.target.id);
  };

  const moveDragged = (at: Date) => {
    const entry = dragged.current;
    dragged.current = null;
    if (!entry) return;
    if (at.getTime() <= Date.now()) {
      setNotice({ kind: 'error', text: t('planner.drag.refusedPast') });
      return;
    }
    if (entry.at && new Date(entry.at).getTime() === at.getTime()) return;
    const scheduledAt = at.toISOString();
    setNotice(null);
    reschedule.mutate(
      { postId: entry.post.id, scheduledAt },
      {
        onSuccess: () =>
          setNotice({ kind: 'success', text: t('planner.moved', { time: format.dateTime(scheduledAt) }) }),
        onError: (error) => setNotice({ kind: 'error', text: errorMessage(error, t) }),
      },
    );
  };

  const renderChip = (variant: ChipVariant) => (entry: PlannerEntry) => (
    <PostChip
      key={entry.target.id}
      entry={entry}
      variant={variant}
      format={format}
      selected={entry.target.id === selectedId}
      panelId={panelId}
      onOpen={(opened) => setSelectedId(opened.target.id)}
      onDragStart={onDragStart}
      onDragEnd={() => {
        dragged.current = null;
      }}
    />
  );

  const empty = posts.isSuccess && dated.length === 0 && undated.length === 0;
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  const viewWord = t(`planner.views.${view}Unit`);

  return (
    <div className="page planner-page" ref={pageRef}>
      <div className="page-header planner-header">
        <div>
          <p className="eyebrow">{t('sections.publisher.title')}</p>
          <h1>{t('planner.title')}</h1>
          <p className="muted">{t('planner.intro')}</p>
        </div>
        {canAct && (
          <div className="planner-header-actions">
            <ApprovalQueueLink workspaceId={workspaceId} />
            <Link
              className="button button-secondary"
              to={`${base}/publisher/import`}
              data-testid="bulk-import-link"
            >
              {t('planner.bulkImport')}
            </Link>
            <Link className="button button-primary" to={`${base}/compose`} data-testid="planner-create-post">
              {t('planner.createPost')}
            </Link>
          </div>
        )}
      </div>

      <div className="planner-toolbar">
        <div className="planner-nav">
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => update({ day: shiftAnchor(view, anchor, -1) })}
            aria-label={t('planner.nav.previousOf', { unit: viewWord })}
            data-testid="planner-previous"
          >
            <span aria-hidden="true">‹ </span>
            {t('planner.nav.previous')}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => update({ day: null })}
            data-testid="planner-today"
          >
            {t('planner.nav.today')}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => update({ day: shiftAnchor(view, anchor, 1) })}
            aria-label={t('planner.nav.nextOf', { unit: viewWord })}
            data-testid="planner-next"
          >
            {t('planner.nav.next')}
            <span aria-hidden="true"> ›</span>
          </button>
        </div>
        <div className="planner-range">
          <h2 id={rangeHeadingId} aria-live="polite" tabIndex={-1} data-testid="planner-range">
            {format.range(view, days)}
          </h2>
          <p className="muted small" data-testid="planner-zone">
            {t('planner.zone', { zone: format.zone })}
          </p>
        </div>
        <fieldset className="planner-views">
          <legend className="visually-hidden">{t('planner.views.label')}</legend>
          {PLANNER_VIEWS.map((option: PlannerView) => (
            <button
              key={option}
              type="button"
              className="button button-small"
              aria-pressed={view === option}
              onClick={() => update({ view: option })}
              data-testid={`view-${option}`}
            >
              {t(`planner.views.${option}`)}
            </button>
          ))}
        </fieldset>
      </div>

      <PlannerFilters
        params={params}
        accounts={accounts.data ?? []}
        onChange={updateFilters}
        formatNumber={format.number}
      />

      <div aria-live="polite" className="planner-notice">
        {notice && (
          <div
            className={`alert ${notice.kind === 'error' ? 'alert-error' : 'alert-success'}`}
            data-testid="planner-notice"
          >
            <span>{notice.text}</span>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => setNotice(null)}
            >
              {t('planner.dismiss')}
            </button>
          </div>
        )}
      </div>

      {posts.isError && (
        <div className="alert alert-error planner-load-error" role="alert">
          <span>{errorMessage(posts.error, t)}</span>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void posts.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {posts.isPending && (
        <p className="muted small" role="status">
          {t('common.loading')}
        </p>
      )}

      {empty && (
        <div className="card planner-empty" data-testid="planner-empty">
          <h2>{hasFilters(params) ? t('planner.empty.filteredTitle') : t(`planner.empty.title.${view}`)}</h2>
          <p className="muted">
            {hasFilters(params) ? t('planner.empty.filteredBody') : t('planner.empty.body')}
          </p>
          {hasFilters(params) ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => updateFilters({ accountIds: [], statuses: [], tag: '' })}
            >
              {t('planner.filters.clear')}
            </button>
          ) : (
            canAct && (
              <Link className="button button-primary" to={`${base}/compose`}>
                {t('planner.empty.compose')}
              </Link>
            )
          )}
        </div>
      )}

      <div className="planner-body">
        <div className="planner-calendar card">
          {view === 'week' && (
            <WeekView
              days={days}
              entries={dated}
              format={format}
              today={today}
              now={now}
              ready={posts.isSuccess && !posts.isPlaceholderData}
              headingId={rangeHeadingId}
              renderChip={renderChip('week')}
              slotStart={(day, hour) => instantAt(day, hour, 0, timeZone).getTime()}
              onSlotClick={(day, hour, quarter) =>
                canAct && compose(weekDropInstant(day, hour, quarter, timeZone))
              }
              onSlotDrop={(day, hour, quarter) => moveDragged(weekDropInstant(day, hour, quarter, timeZone))}
            />
          )}
          {view === 'month' && (
            <MonthView
              days={days}
              month={anchor}
              entries={dated}
              format={format}
              today={today}
              renderChip={renderChip('month')}
              onDayClick={(day: Day) => canAct && compose(instantAt(day, 9, 0, timeZone))}
              onDayDrop={(day: Day) => {
                const current = dragged.current?.at ? new Date(dragged.current.at) : null;
                moveDragged(monthDropInstant(day, current, timeZone));
              }}
            />
          )}
          {view === 'list' && (
            <ListView
              days={days}
              entries={dated}
              format={format}
              today={today}
              renderChip={renderChip('list')}
            />
          )}
        </div>

        <section
          className="planner-drafts card"
          aria-labelledby={`${panelId}-drafts`}
          data-testid="planner-drafts"
        >
          <h2 id={`${panelId}-drafts`}>{t('planner.drafts.title')}</h2>
          {undated.length === 0 ? (
            <p className="muted small">{t('planner.drafts.none')}</p>
          ) : (
            <>
              <p className="muted small">{t('planner.drafts.hint')}</p>
              <ul className="planner-drafts-list">
                {undated.map((entry) => (
                  <li key={entry.target.id}>{renderChip('undated')(entry)}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>

      {selected && (
        <PostPanel
          panelId={panelId}
          workspaceId={workspaceId}
          entry={selected}
          siblings={entries.filter((entry) => entry.post.id === selected.post.id)}
          format={format}
          canAct={canAct}
          onClose={closePanel}
          onSelect={(entry) => setSelectedId(entry.target.id)}
          onNotice={setNotice}
        />
      )}
    </div>
  );
}
