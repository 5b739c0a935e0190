// One account's approval chain as a row of steps: who each step waits for, who decided it and how,
// and which step is open ("step 2 of 3").
import { useTranslation } from 'react-i18next';
import { useLocaleFormat } from '../i18n/localeFormat.ts';
import type { AccountApproval } from './approvalQueries.ts';

export function stepWho(
  step: { approverName: string | null; approverRole: string | null; approverUserId: string | null },
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (step.approverUserId) return step.approverName ?? t('approvals.formerMember');
  return t('approvals.roleOrHigher', { role: t(`roles.${step.approverRole ?? 'editor'}.name`) });
}

export function ApprovalProgress({ account }: { account: AccountApproval }) {
  const { t } = useTranslation();
  const format = useLocaleFormat();
  return (
    <div className="approval-progress">
      {account.currentStep !== null && (
        <p className="approval-step-count" data-testid="approval-step">
          {t('approvals.stepOf', {
            step: format.number(account.currentStep),
            of: format.number(account.of),
          })}
        </p>
      )}
      <ol className="approval-steps">
        {account.steps.map((step) => {
          const state = step.decision?.decision ?? (step.step === account.currentStep ? 'open' : 'later');
          return (
            <li key={step.step} className={`approval-step approval-step-${state}`}>
              <span className="approval-step-who">{stepWho(step, t)}</span>
              <span className="approval-step-separator" aria-hidden="true">
                {' · '}
              </span>
              <span className="approval-step-state">
                {step.decision
                  ? t(
                      // A step of a named person says the name once.
                      step.approverUserId && step.approverUserId === step.decision.decidedBy
                        ? `approvals.decidedByApprover.${step.decision.decision}`
                        : `approvals.decided.${step.decision.decision}`,
                      {
                        name: step.decision.decidedByName ?? t('approvals.formerMember'),
                        time: format.dateTime(step.decision.decidedAt),
                      },
                    )
                  : t(`approvals.stepState.${state}`)}
              </span>
              {step.decision?.comment && <q className="approval-step-comment">{step.decision.comment}</q>}
            </li>
          );
        })}
      </ol>
      {account.state === 'waiting' && account.deciders.length > 0 && (
        <p className="muted small">
          {t('approvals.waitingFor', { names: account.deciders.map((d) => d.name).join(', ') })}
        </p>
      )}
      {account.state === 'waiting' && account.deciders.length === 0 && (
        <p className="muted small">{t('approvals.nobodyCanDecide')}</p>
      )}
    </div>
  );
}
