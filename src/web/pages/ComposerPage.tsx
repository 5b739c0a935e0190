// Create post: choose accounts, write once and adjust per network with each network's own counter, add
// images with descriptions, see a preview per network, then save a draft, publish now, schedule, or add
// to the queue. `?text=` fills in the text, `?at=<ISO>` (the planner's empty slot) picks that time and
// `?account=<id>` (repeatable) chooses accounts.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useAccounts } from '../api/accountQueries.ts';
import type { Role } from '../api/apiTypes.ts';
import { errorMessage, FormAlert, fieldErrors, SuccessNotice } from '../components/FormAlert.tsx';
import { LoadingScreen } from '../components/LoadingScreen.tsx';
import { AccountPicker } from '../composer/AccountPicker.tsx';
import {
  type ComposerDraft,
  chosenNetworks,
  createPostBody,
  type DraftImage,
  type DraftProblem,
  draftProblems,
  MAX_IMAGES,
  type Network,
  parseTags,
  scheduleProblem,
  textFor,
} from '../composer/composerDraft.ts';
import {
  type ComposerAccount,
  type CreatedPost,
  type PostMode,
  uploadImage,
  useCreatePost,
} from '../composer/composerQueries.ts';
import {
  formatPostTime,
  inputsFromInstant,
  instantFromInputs,
  type LocalInputs,
  suggestedScheduleTime,
} from '../composer/composerTime.ts';
import { ImagePicker, type UploadFailure } from '../composer/ImagePicker.tsx';
import { PostPreview } from '../composer/PostPreview.tsx';
import { type EditorTab, TextEditor } from '../composer/TextEditor.tsx';
import { type SendMode, WhenPicker } from '../composer/WhenPicker.tsx';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import './ComposerPage.css';

const managesAccounts = (role: Role) => role === 'owner' || role === 'admin' || role === 'editor';

interface Prefill {
  text: string;
  at?: Date;
  chosen: string[];
}

interface Outcome {
  mode: PostMode;
  post: CreatedPost;
  handles: Map<string, string>;
}

export function ComposerPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const accounts = useAccounts(workspace.id);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  // Each round is a fresh composer: after a post is sent (the chosen accounts stay chosen), and when the
  // address asks for other text or another time, as the planner's links do.
  const [round, setRound] = useState<{ number: number; search: string; prefill: Prefill }>(() => ({
    number: 0,
    search,
    prefill: prefillFrom(params),
  }));
  if (round.search !== search) {
    setRound({ number: round.number + 1, search, prefill: prefillFrom(params) });
  }
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (outcome) noticeRef.current?.focus();
  }, [outcome]);

  return (
    <div className="page composer-page">
      <div className="page-header">
        <p className="eyebrow">{t('sections.publisher.nav')}</p>
        <h1>{t('composer.title')}</h1>
        <p className="muted">{t('composer.intro')}</p>
      </div>
      {outcome && (
        <div className="composer-outcome" ref={noticeRef} tabIndex={-1} data-testid="composer-outcome">
          <SuccessNotice>
            <OutcomeSummary outcome={outcome} />
            <span className="composer-outcome-actions">
              <Link to={`/w/${encodeURIComponent(workspace.id)}/publisher`}>
                {t('composer.done.openPlanner')}
              </Link>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setOutcome(undefined)}
              >
                {t('composer.done.dismiss')}
              </button>
            </span>
          </SuccessNotice>
        </div>
      )}
      {workspace.role === 'viewer' ? (
        <p className="alert alert-warning">{t('composer.viewerCannotPost')}</p>
      ) : accounts.isPending ? (
        <LoadingScreen />
      ) : accounts.isError ? (
        <p className="alert alert-error">{errorMessage(accounts.error, t)}</p>
      ) : (
        <ComposerForm
          key={round.number}
          workspaceId={workspace.id}
          role={workspace.role}
          requireAltText={workspace.requireAltText}
          accounts={accounts.data as ComposerAccount[]}
          prefill={round.prefill}
          onSent={(result, chosen) => {
            setOutcome(result);
            setRound((previous) => ({
              number: previous.number + 1,
              search: '',
              prefill: { text: '', chosen },
            }));
            setParams({}, { replace: true });
          }}
        />
      )}
    </div>
  );
}

function prefillFrom(params: URLSearchParams): Prefill {
  const atParam = params.get('at');
  const at = atParam ? new Date(atParam) : undefined;
  return {
    text: params.get('text') ?? '',
    at: at && !Number.isNaN(at.getTime()) ? at : undefined,
    chosen: params.getAll('account'),
  };
}

function ComposerForm({
  workspaceId,
  role,
  requireAltText,
  accounts,
  prefill,
  onSent,
}: {
  workspaceId: string;
  role: Role;
  requireAltText: boolean;
  accounts: ComposerAccount[];
  prefill: Prefill;
  onSent: (outcome: Outcome, chosen: string[]) => void;
}) {
  const { t } = useTranslation();
  const { number } = useLocaleFormat();
  const createPost = useCreatePost(workspaceId);
  const [chosenIds, setChosenIds] = useState<ReadonlySet<string>>(() => new Set(prefill.chosen));
  const [mainText, setMainText] = useState(prefill.text);
  const [networkTexts, setNetworkTexts] = useState<Partial<Record<Network, string>>>({});
  const [activeTab, setActiveTab] = useState<EditorTab>('all');
  const [images, setImages] = useState<DraftImage[]>([]);
  const [failures, setFailures] = useState<UploadFailure[]>([]);
  const [leftOut, setLeftOut] = useState(0);
  const [tags, setTags] = useState('');
  const [mode, setMode] = useState<SendMode>(prefill.at ? 'schedule' : 'now');
  const [inputs, setInputs] = useState<LocalInputs>(() =>
    inputsFromInstant(prefill.at ?? suggestedScheduleTime(new Date())),
  );
  const now = useMinuteClock();
  const nextKey = useRef(0);

  const usable = useMemo(() => accounts.filter((account) => account.status === 'connected'), [accounts]);
  const chosenAccounts = usable.filter((account) => chosenIds.has(account.id));
  const networks = chosenNetworks(chosenAccounts);
  const draft: ComposerDraft = { accounts: chosenAccounts, mainText, networkTexts, images, tags };
  const problems = draftProblems(draft, { requireAltText });
  const scheduledAt = instantFromInputs(inputs);
  const timeProblem = mode === 'schedule' ? scheduleProblem(scheduledAt, now) : undefined;
  const fields = fieldErrors(createPost.error);
  const busy = createPost.isPending;

  const toggle = (accountId: string, on: boolean) =>
    setChosenIds((previous) => {
      const next = new Set(previous);
      if (on) next.add(accountId);
      else next.delete(accountId);
      return next;
    });

  const addFiles = (files: File[]) => {
    const room = Math.max(0, MAX_IMAGES - images.length);
    const taken = files.slice(0, room);
    setLeftOut(files.length - taken.length);
    for (const file of taken) {
      nextKey.current += 1;
      const key = `image-${nextKey.current}`;
      setImages((list) => [...list, { key, fileName: file.name, alt: '' }]);
      uploadImage(workspaceId, file).then(
        (uploaded) =>
          setImages((list) =>
            list.map((image) => (image.key === key ? { ...image, mediaId: uploaded.id } : image)),
          ),
        (error: unknown) => {
          setImages((list) => list.filter((image) => image.key !== key));
          setFailures((list) => [...list, { key, fileName: file.name, message: errorMessage(error, t) }]);
        },
      );
    }
  };

  const send = (sendMode: PostMode) => {
    createPost.mutate(createPostBody(draft, sendMode, scheduledAt), {
      onSuccess: (post) =>
        onSent(
          {
            mode: sendMode,
            post,
            handles: new Map(chosenAccounts.map((account) => [account.id, account.handle])),
          },
          [...chosenIds],
        ),
    });
  };

  const blockers = [
    ...problems.map((problem) => problemText(problem, t, number)),
    ...(timeProblem ? [t(timeProblem === 'past' ? 'composer.when.past' : 'composer.when.noTime')] : []),
  ];
  const draftBlocked = busy || problems.length > 0;
  const sendBlocked = draftBlocked || timeProblem !== undefined;
  const previews = networks.map((network) => ({
    network,
    account: chosenAccounts.find((account) => account.network === network)!,
  }));

  return (
    <div className="composer-layout">
      <form
        className="composer-form card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!sendBlocked) send(mode);
        }}
        aria-label={t('composer.formLabel')}
      >
        <AccountPicker
          workspaceId={workspaceId}
          accounts={accounts}
          chosen={chosenIds}
          onToggle={toggle}
          canManageAccounts={managesAccounts(role)}
        />
        <TextEditor
          draft={draft}
          networks={networks}
          activeTab={activeTab}
          onActiveTab={setActiveTab}
          onMainText={setMainText}
          onNetworkText={(network, text) => setNetworkTexts((previous) => ({ ...previous, [network]: text }))}
          onResetNetwork={(network) =>
            setNetworkTexts((previous) => {
              const { [network]: _removed, ...rest } = previous;
              return rest;
            })
          }
          error={fields.text}
        />
        <ImagePicker
          workspaceId={workspaceId}
          images={images}
          failures={failures}
          requireAltText={requireAltText}
          leftOut={leftOut}
          error={fields.media}
          onAdd={addFiles}
          onAlt={(key, alt) =>
            setImages((list) => list.map((image) => (image.key === key ? { ...image, alt } : image)))
          }
          onRemove={(key) => setImages((list) => list.filter((image) => image.key !== key))}
          onDismissFailure={(key) => setFailures((list) => list.filter((failure) => failure.key !== key))}
        />
        <div className="field composer-tags">
          <label htmlFor="composer-tags">{t('composer.tags.label')}</label>
          <input
            id="composer-tags"
            name="tags"
            value={tags}
            onChange={(event) => setTags(event.target.value)}
            aria-describedby="composer-tags-hint"
            autoComplete="off"
          />
          <p className="field-hint" id="composer-tags-hint">
            {t('composer.tags.hint')}
          </p>
          <TagChips typed={tags} />
        </div>
        <WhenPicker
          mode={mode}
          onMode={setMode}
          inputs={inputs}
          onInputs={setInputs}
          minDate={inputsFromInstant(now).date}
          problem={timeProblem}
          error={fields.scheduledAt}
        />
        {role === 'contributor' && <p className="alert alert-warning">{t('composer.needsApproval')}</p>}
        <FormAlert error={createPost.error} fieldNames={['text', 'media', 'scheduledAt']} />
        <div className="composer-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={sendBlocked}
            aria-describedby={blockers.length > 0 ? 'composer-blockers' : undefined}
          >
            {busy && createPost.variables?.mode !== 'draft'
              ? t('composer.actions.sending')
              : t(`composer.actions.${mode}`)}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={draftBlocked}
            onClick={() => send('draft')}
            aria-describedby={blockers.length > 0 ? 'composer-blockers' : undefined}
          >
            {busy && createPost.variables?.mode === 'draft'
              ? t('composer.actions.saving')
              : t('composer.actions.draft')}
          </button>
        </div>
        <div
          id="composer-blockers"
          className="composer-blockers"
          role="status"
          data-testid="composer-blockers"
        >
          {blockers.length > 0 && (
            <>
              <p className="composer-blockers-title">{t('composer.blockers.title')}</p>
              <ul>
                {blockers.map((blocker) => (
                  <li key={blocker}>{blocker}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      </form>
      <aside className="composer-previews" aria-labelledby="composer-preview-title">
        <h2 id="composer-preview-title" className="composer-section-title">
          {t('composer.preview.title')}
        </h2>
        {previews.length === 0 ? (
          <p className="muted">{t('composer.preview.noAccounts')}</p>
        ) : (
          previews.map(({ network, account }) => (
            <PostPreview
              key={network}
              workspaceId={workspaceId}
              network={network}
              account={account}
              text={textFor(draft, network)}
              images={images}
            />
          ))
        )}
      </aside>
    </div>
  );
}

/** The present time, moved on every half minute so a scheduled time that passes is noticed. */
function useMinuteClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function TagChips({ typed }: { typed: string }) {
  const { t } = useTranslation();
  const tags = parseTags(typed);
  if (tags.length === 0) return null;
  return (
    <ul className="composer-tag-chips" aria-label={t('composer.tags.chipsLabel')}>
      {tags.map((tag) => (
        <li key={tag} className="composer-tag-chip">
          {tag}
        </li>
      ))}
    </ul>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function problemText(problem: DraftProblem, t: Translate, number: (value: number) => string): string {
  const network = 'network' in problem ? t(`accounts.networks.${problem.network}`) : '';
  switch (problem.kind) {
    case 'noAccounts':
      return t('composer.blockers.noAccounts');
    case 'nothingToPost':
      return t('composer.blockers.nothingToPost');
    case 'emptyForNetwork':
      return t('composer.blockers.emptyForNetwork', { network });
    case 'overLimit':
      return t('composer.blockers.overLimit', {
        network,
        used: number(problem.used),
        limit: number(problem.limit),
        excess: number(problem.used - problem.limit),
      });
    case 'overBytes':
      return t('composer.blockers.overBytes', { network });
    case 'uploading':
      return t('composer.blockers.uploading');
    case 'altMissing':
      return t('composer.blockers.altMissing', {
        images: problem.imageNumbers.map(number).join(', '),
        count: problem.imageNumbers.length,
      });
  }
}

/** Where the post went: a draft, now, or at which time on which accounts. */
function OutcomeSummary({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const { locale } = useLocaleFormat();
  const firstParts = outcome.post.targets.filter((target) => target.threadPosition === 0);
  const handlesOf = (targets: typeof firstParts) =>
    targets.map((target) => `@${outcome.handles.get(target.accountId) ?? ''}`).join(', ');
  if (outcome.mode === 'draft') return <p>{t('composer.done.draft', { accounts: handlesOf(firstParts) })}</p>;
  const pending = firstParts.some((target) => target.status === 'pending_approval');
  const byTime = new Map<string, typeof firstParts>();
  for (const target of firstParts) {
    const key = target.scheduledAt ?? '';
    byTime.set(key, [...(byTime.get(key) ?? []), target]);
  }
  const lines =
    outcome.mode === 'now'
      ? [t('composer.done.now', { accounts: handlesOf(firstParts) })]
      : [...byTime].map(([at, targets]) =>
          t('composer.done.scheduledFor', { when: formatPostTime(locale, at), accounts: handlesOf(targets) }),
        );
  return (
    <>
      {outcome.mode === 'queue' && <p>{t('composer.done.queued')}</p>}
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {pending && <p>{t('composer.done.pendingApproval')}</p>}
    </>
  );
}
