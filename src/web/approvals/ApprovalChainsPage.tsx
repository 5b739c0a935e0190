// Settings: each account's approval chain, up to three ordered steps, each a teammate or a role ("that
// role or higher"). Owners and admins edit them; everyone else sees them read-only.
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/apiTypes.ts';
import { useMembers } from '../api/workspaceQueries.ts';
import { FormAlert } from '../components/FormAlert.tsx';
import { NetworkBadge } from '../planner/PostChip.tsx';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { stepWho } from './ApprovalProgress.tsx';
import { type AccountChain, useApprovalChains, useSaveChain } from './approvalQueries.ts';
import './approvals.css';

const MAX_STEPS = 3;
const STEP_ROLES: Role[] = ['contributor', 'editor', 'admin', 'owner'];

/** A step as the form holds it: "role:editor" or "user:<id>". */
type StepChoice = string;

export function ApprovalChainsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspaceContext();
  const chains = useApprovalChains(workspace.id);
  const canEdit = workspace.role === 'owner' || workspace.role === 'admin';
  return (
    <div className="page approvals-page">
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('settings.title')}</p>
          <h1>{t('approvals.chains.title')}</h1>
          <p className="muted">{t('approvals.chains.intro')}</p>
        </div>
      </div>
      {!canEdit && (
        <p className="alert alert-info" data-testid="chains-read-only">
          {t('approvals.chains.readOnly')}
        </p>
      )}
      {chains.isError && <FormAlert error={chains.error} />}
      {chains.isPending && <p className="muted">{t('approvals.queue.loading')}</p>}
      {chains.isSuccess && chains.data.length === 0 && <p>{t('approvals.chains.noAccounts')}</p>}
      {chains.isSuccess && (
        <ul className="approval-chains">
          {chains.data.map((chain) => (
            <li key={chain.accountId} className="approval-card" data-testid="approval-chain">
              <h2 className="approval-account-title">
                <NetworkBadge network={chain.network} />@{chain.handle}
              </h2>
              {canEdit ? <ChainForm workspaceId={workspace.id} chain={chain} /> : <ChainView chain={chain} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ChainView({ chain }: { chain: AccountChain }) {
  const { t } = useTranslation();
  return (
    <>
      {chain.implicit && <p className="muted small">{t('approvals.chains.implicit')}</p>}
      <ol className="approval-steps">
        {chain.steps.map((step) => (
          <li key={step.position} className="approval-step">
            {stepWho(step, t)}
          </li>
        ))}
      </ol>
    </>
  );
}

function ChainForm({ workspaceId, chain }: { workspaceId: string; chain: AccountChain }) {
  const { t } = useTranslation();
  const formId = useId();
  const members = useMembers(workspaceId);
  const save = useSaveChain(workspaceId);
  const [saved, setSaved] = useState(false);
  const [steps, setSteps] = useState<StepChoice[]>(
    chain.implicit
      ? []
      : chain.steps.map((s) => (s.approverUserId ? `user:${s.approverUserId}` : `role:${s.approverRole}`)),
  );
  const choosable = (members.data ?? []).filter((m) => m.role !== 'viewer');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      {
        accountId: chain.accountId,
        steps: steps.map((choice) => {
          const [kind, value] = choice.split(':') as [string, string];
          return kind === 'user' ? { approverUserId: value } : { approverRole: value as Role };
        }),
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form
      onSubmit={submit}
      className="approval-chain-form"
      aria-label={t('approvals.chains.formLabel', { handle: chain.handle })}
    >
      {steps.length === 0 && <p className="muted small">{t('approvals.chains.implicit')}</p>}
      <ol className="approval-chain-steps">
        {steps.map((choice, index) => {
          const selectId = `${formId}-step-${index}`;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: a step is its place in the chain.
            <li key={index} className="approval-chain-step">
              <label htmlFor={selectId}>{t('approvals.chains.stepLabel', { n: index + 1 })}</label>
              <select
                id={selectId}
                className="select"
                value={choice}
                onChange={(event) => setSteps(steps.map((s, i) => (i === index ? event.target.value : s)))}
              >
                <optgroup label={t('approvals.chains.byRole')}>
                  {STEP_ROLES.map((role) => (
                    <option key={role} value={`role:${role}`}>
                      {t('approvals.roleOrHigher', { role: t(`roles.${role}.name`) })}
                    </option>
                  ))}
                </optgroup>
                <optgroup label={t('approvals.chains.byPerson')}>
                  {choosable.map((member) => (
                    <option key={member.userId} value={`user:${member.userId}`}>
                      {member.name}
                    </option>
                  ))}
                </optgroup>
              </select>
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setSteps(steps.filter((_, i) => i !== index))}
              >
                {t('approvals.chains.removeStep', { n: index + 1 })}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="approval-chain-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={steps.length >= MAX_STEPS}
          onClick={() => setSteps([...steps, 'role:editor'])}
        >
          {t('approvals.chains.addStep')}
        </button>
        <button type="submit" className="button button-primary button-small" disabled={save.isPending}>
          {t('approvals.chains.save')}
        </button>
      </div>
      {steps.length >= MAX_STEPS && <p className="muted small">{t('approvals.chains.max')}</p>}
      <FormAlert error={save.error} />
      <div role="status" aria-live="polite">
        {saved && <p className="alert alert-success">{t('approvals.chains.saved')}</p>}
      </div>
    </form>
  );
}
