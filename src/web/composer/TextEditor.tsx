// Write once, then adjust per network: an "All networks" tab with the main text and one tab per chosen
// network, whose text starts as the main text and becomes that network's own version once edited. Each
// network's counter uses the same text rule as the server.
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TextCount } from '../../core/textRules/index.ts';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { type ComposerDraft, countFor, isCustomised, type Network, textFor } from './composerDraft.ts';

export type EditorTab = 'all' | Network;

export function TextEditor({
  draft,
  networks,
  activeTab,
  onActiveTab,
  onMainText,
  onNetworkText,
  onResetNetwork,
  error,
}: {
  draft: ComposerDraft;
  networks: Network[];
  activeTab: EditorTab;
  onActiveTab: (tab: EditorTab) => void;
  onMainText: (text: string) => void;
  onNetworkText: (network: Network, text: string) => void;
  onResetNetwork: (network: Network) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const tabs: EditorTab[] = ['all', ...networks];
  const tabRefs = useRef(new Map<EditorTab, HTMLButtonElement>());
  const current: EditorTab = tabs.includes(activeTab) ? activeTab : 'all';
  const tabId = (tab: EditorTab) => `${id}-tab-${tab}`;
  const panelId = `${id}-panel`;
  const countersId = `${id}-counters`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  const counts = new Map(
    networks.map((network) => [network, countFor(network, textFor(draft, network), draft.accounts)]),
  );

  // Arrow keys move between tabs, as in every tab list; the chosen tab follows focus.
  const onTabKey = (event: React.KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[next]!;
    onActiveTab(tab);
    tabRefs.current.get(tab)?.focus();
  };

  const networkName = (network: Network) => t(`accounts.networks.${network}`);
  const text = current === 'all' ? draft.mainText : textFor(draft, current);
  const shownNetworks = current === 'all' ? networks : [current];
  const describedBy = [hintId, shownNetworks.length > 0 ? countersId : '', error ? errorId : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className="composer-editor">
      <div className="composer-tabs" role="tablist" aria-label={t('composer.text.tabsLabel')}>
        {tabs.map((tab, index) => {
          const selected = tab === current;
          const over = tab !== 'all' && counts.get(tab)?.over;
          const customised = tab !== 'all' && isCustomised(draft, tab);
          return (
            <button
              key={tab}
              ref={(element) => {
                if (element) tabRefs.current.set(tab, element);
                else tabRefs.current.delete(tab);
              }}
              type="button"
              role="tab"
              id={tabId(tab)}
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              className={`composer-tab${selected ? ' is-selected' : ''}${over ? ' is-over' : ''}`}
              onClick={() => onActiveTab(tab)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {tab === 'all' ? t('composer.text.allNetworks') : networkName(tab)}
              {customised && (
                <span className="composer-tab-mark" title={t('composer.text.customised')}>
                  <span aria-hidden="true">✎</span>
                  <span className="visually-hidden">{t('composer.text.customisedShort')}</span>
                </span>
              )}
              {over && (
                <span className="composer-tab-mark composer-tab-over">
                  <span aria-hidden="true">!</span>
                  <span className="visually-hidden">{t('composer.counter.overShort')}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div className="composer-tab-panel" id={panelId} role="tabpanel" aria-labelledby={tabId(current)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>
            {current === 'all'
              ? t('composer.text.mainLabel')
              : t('composer.text.networkLabel', { network: networkName(current) })}
          </label>
          <textarea
            id={`${id}-text`}
            name={current === 'all' ? 'text' : `text-${current}`}
            className="composer-textarea"
            value={text}
            rows={7}
            onChange={(event) =>
              current === 'all' ? onMainText(event.target.value) : onNetworkText(current, event.target.value)
            }
            aria-describedby={describedBy}
            aria-invalid={
              shownNetworks.some((network) => counts.get(network)?.over) || error ? true : undefined
            }
          />
          <p className="field-hint" id={hintId}>
            {current === 'all'
              ? t('composer.text.mainHint')
              : isCustomised(draft, current)
                ? t('composer.text.customisedHint', { network: networkName(current) })
                : t('composer.text.followsMainHint', { network: networkName(current) })}
          </p>
          {error && (
            <p className="field-error" id={errorId}>
              {error}
            </p>
          )}
        </div>
        <div className="composer-editor-footer">
          {shownNetworks.length > 0 && (
            <ul className="composer-counters" id={countersId}>
              {shownNetworks.map((network) => (
                <li key={network}>
                  <TextCounter
                    network={network}
                    count={counts.get(network)!}
                    ownText={current === 'all' && isCustomised(draft, network)}
                  />
                </li>
              ))}
            </ul>
          )}
          {current !== 'all' && isCustomised(draft, current) && (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => onResetNetwork(current)}
            >
              {t('composer.text.reset')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}

/** Used and allowed characters for one network; past the limit it says so in words as well as in red. */
function TextCounter({ network, count, ownText }: { network: Network; count: TextCount; ownText: boolean }) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  return (
    <span
      className={`composer-counter${count.over ? ' is-over' : ''}`}
      data-testid={`counter-${network}`}
      data-over={count.over ? 'true' : 'false'}
    >
      <span className="composer-counter-network">
        {t(`accounts.networks.${network}`)}
        {ownText && ` (${t('composer.text.customisedShort')})`}
      </span>{' '}
      <span className="composer-counter-numbers">
        {t('composer.counter.usedOfLimit', { used: number(count.used), limit: number(count.limit) })}
      </span>
      {count.over && (
        <span className="composer-counter-over">
          {' — '}
          {count.used > count.limit
            ? t('composer.counter.overBy', { excess: number(count.used - count.limit) })
            : t('composer.counter.overBytes')}
        </span>
      )}
    </span>
  );
}
