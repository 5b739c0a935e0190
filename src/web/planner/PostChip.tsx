// One account's copy of a post in the calendar: a button showing its network, handle, time, first line
// and status (by colour and by icon and word), which opens the side panel and can be dragged to move it.
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { firstLine, type PlannerEntry, type TargetStatus } from './plannedPosts.ts';
import type { PlannerFormat } from './plannerFormat.ts';

export type ChipVariant = 'week' | 'month' | 'list' | 'undated';

const STATUS_PATHS: Record<TargetStatus, string> = {
  draft: 'M3 13l.8-3.2L10.5 3a1.4 1.4 0 0 1 2 0l.5.5a1.4 1.4 0 0 1 0 2L6.2 12.2z',
  pending_approval: 'M4.5 2h7M4.5 14h7M5.5 2c0 3.2 5 3 5 6s-5 2.8-5 6M10.5 2c0 3.2-5 3-5 6s5 2.8 5 6',
  scheduled: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2zM8 4.8V8l2.2 1.6',
  publishing: 'M13 8a5 5 0 1 1-1.6-3.7M13.2 2.2v2.9h-2.9',
  published: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2zM5.2 8.2l2 2 3.8-4',
  failed: 'M8 2.2l6.2 11H1.8zM8 6.5v3M8 11.3v.2',
  paused: 'M6 3.5v9M10 3.5v9',
  expired: 'M8 2.5a5.5 5.5 0 1 0 0 11a5.5 5.5 0 1 0 0-11M8 5v3.5M8 10.5v.5',
  cancelled: 'M4 4l8 8M12 4l-8 8',
};

export function StatusIcon({ status }: { status: TargetStatus }) {
  return (
    <svg
      className="status-icon"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.7"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={STATUS_PATHS[status]} />
    </svg>
  );
}

/** The status as a word beside its icon, coloured by status. */
export function StatusPill({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-pill status-${status}`} data-testid="status-pill">
      <StatusIcon status={status} />
      {t(`planner.status.${status}`)}
    </span>
  );
}

const NETWORK_LETTERS: Record<string, string> = {
  bluesky: 'B',
  mastodon: 'M',
  x: 'X',
  threads: 'T',
  linkedin: 'in',
};

/** A small mark for the network; its name is spoken by whatever the mark sits in. */
export function NetworkBadge({ network }: { network: string }) {
  return (
    <span className={`network-badge network-${network}`} aria-hidden="true">
      {NETWORK_LETTERS[network] ?? network.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function networkName(network: string, t: ReturnType<typeof useTranslation>['t']): string {
  return t(`accounts.networks.${network}`, { defaultValue: network });
}

interface PostChipProps {
  entry: PlannerEntry;
  variant: ChipVariant;
  format: PlannerFormat;
  selected: boolean;
  panelId: string;
  onOpen: (entry: PlannerEntry, element: HTMLButtonElement) => void;
  onDragStart: (entry: PlannerEntry, event: DragEvent<HTMLButtonElement>) => void;
  onDragEnd: () => void;
}

export function PostChip({
  entry,
  variant,
  format,
  selected,
  panelId,
  onOpen,
  onDragStart,
  onDragEnd,
}: PostChipProps) {
  const { t } = useTranslation();
  const { target } = entry;
  const text = firstLine(target.text) || t('planner.chip.noText');
  const status = t(`planner.status.${target.status}`);
  const network = networkName(target.network, t);
  const time = entry.at ? format.time(entry.at) : '';

  return (
    <button
      type="button"
      className={`chip chip-${variant} status-${target.status}${selected ? ' is-selected' : ''}`}
      aria-expanded={selected}
      aria-controls={selected ? panelId : undefined}
      draggable
      onDragStart={(event) => onDragStart(entry, event)}
      onDragEnd={onDragEnd}
      onClick={(event) => onOpen(entry, event.currentTarget)}
      data-testid="planner-chip"
      data-target-id={target.id}
      data-post-id={entry.post.id}
      data-status={target.status}
    >
      {/* The name a screen reader gives the button is this content in this order (time, network and
          handle, status, text); the hidden punctuation paces it, and CSS shows the text above the status. */}
      <span className="chip-line chip-head">
        <NetworkBadge network={target.network} />
        {time && (
          <span className="chip-time">
            {time}
            <span className="visually-hidden">, </span>
          </span>
        )}
        <span className="visually-hidden">{network} </span>
        <span className="chip-handle">
          @{target.handle}
          <span className="visually-hidden">, </span>
        </span>
      </span>
      <span className="chip-line chip-status">
        <StatusIcon status={target.status} />
        <span className="chip-status-word">
          {status}
          <span className="visually-hidden">: </span>
        </span>
        {entry.parts.length > 1 && (
          <span className="chip-thread">
            {t('planner.chip.thread', { count: entry.parts.length, n: format.number(entry.parts.length) })}
          </span>
        )}
      </span>
      <span className="chip-line chip-text">{text}</span>
    </button>
  );
}
