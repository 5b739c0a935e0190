// Words a notification from its kind and data in the page's language: a headline and, where the
// notification carries one, the text it is about.
import type { TFunction } from 'i18next';
import type { AppNotification } from './notificationQueries.ts';

const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function notificationText(
  notification: Pick<AppNotification, 'kind' | 'data'>,
  t: TFunction,
  formatNumber: (value: number) => string,
): { headline: string; detail: string } {
  const d = notification.data;
  const values = {
    authorName: str(d.authorName),
    deciderName: str(d.deciderName),
    assignerName: str(d.assignerName),
    actorName: str(d.actorName),
    authorHandle: str(d.authorHandle),
    handle: str(d.handle),
    error: str(d.error),
    reason: str(d.reason),
    comment: str(d.comment),
    count: Number(d.awaitingReview) || 0,
    formatted: formatNumber(Number(d.awaitingReview) || 0),
  };
  switch (notification.kind) {
    case 'approval_requested':
      if (Number(d.count) > 1) {
        return {
          headline: t('notifications.kind.approvalRequestedMany', {
            ...values,
            count: Number(d.count),
            formatted: formatNumber(Number(d.count)),
          }),
          detail: str(d.postText),
        };
      }
      return { headline: t('notifications.kind.approvalRequested', values), detail: str(d.postText) };
    case 'approval_decided':
      return d.decision === 'rejected'
        ? { headline: t('notifications.kind.rejected', values), detail: values.comment || str(d.postText) }
        : { headline: t('notifications.kind.approved', values), detail: str(d.postText) };
    case 'post_expired':
      return { headline: t('notifications.kind.postExpired'), detail: str(d.postText) };
    case 'post_failed':
      return { headline: t('notifications.kind.postFailed', values), detail: values.error };
    case 'comment_mention':
      return { headline: t('notifications.kind.commentMention', values), detail: str(d.body) };
    case 'inbox_assigned':
      return { headline: t('notifications.kind.inboxAssigned', values), detail: str(d.text) };
    case 'crisis_started':
      return { headline: t('notifications.kind.crisisStarted', values), detail: values.reason };
    case 'crisis_ended':
      return {
        headline: t('notifications.kind.crisisEnded', values),
        detail: values.count > 0 ? t('notifications.kind.awaitingReview', values) : '',
      };
  }
  return { headline: t('notifications.kind.other'), detail: '' };
}
