// The email sent with each in-app notification, in the recipient's language. The data of each kind is
// what the command that notifies puts in it (see NotificationData).
import type { NotificationKind } from '../db/teamSchema.ts';
import type { MailMessage } from './mailer.ts';
import type { MailLocale } from './mailTemplates.ts';

/** What each kind of notification carries; every text is short (excerpts are cut to 140 characters). */
export interface NotificationData {
  /** `count`: posts that arrived together (a bulk import), `postText` being the first one's. */
  approval_requested: { authorName: string; postText: string; count?: number };
  approval_decided: {
    decision: 'approved' | 'rejected';
    deciderName: string;
    comment: string;
    postText: string;
  };
  post_expired: { postText: string };
  post_failed: { postText: string; handle: string; error: string };
  comment_mention: { authorName: string; body: string };
  inbox_assigned: { assignerName: string; authorHandle: string; text: string };
  crisis_started: { actorName: string; reason: string };
  crisis_ended: { actorName: string; awaitingReview: number };
}

const bengaliDigits = (text: string) =>
  text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x09e6 + Number(digit)));

/** A text cut to `max` characters at most, with an ellipsis when cut. */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

type Words = { subject: string; lines: string[] };

function english<K extends NotificationKind>(kind: K, data: NotificationData[K]): Words {
  const d = data as NotificationData[NotificationKind] & Record<string, unknown>;
  switch (kind) {
    case 'approval_requested':
      if (Number(d.count) > 1) {
        return {
          subject: `${d.authorName} asks you to approve ${d.count} posts`,
          lines: [
            `${d.authorName} imported ${d.count} posts that wait for your approval. The first one:`,
            '',
            `"${d.postText}"`,
          ],
        };
      }
      return {
        subject: `${d.authorName} asks you to approve a post`,
        lines: [`${d.authorName} wrote a post that waits for your approval:`, '', `"${d.postText}"`],
      };
    case 'approval_decided':
      return d.decision === 'approved'
        ? {
            subject: 'Your post was approved',
            lines: [
              `${d.deciderName} approved your post:`,
              '',
              `"${d.postText}"`,
              ...(d.comment ? ['', `Comment: ${d.comment}`] : []),
            ],
          }
        : {
            subject: 'Your post was sent back',
            lines: [
              `${d.deciderName} sent your post back to you:`,
              '',
              `"${d.postText}"`,
              '',
              `Reason: ${d.comment}`,
            ],
          };
    case 'post_expired':
      return {
        subject: 'A post expired before it was approved',
        lines: [
          'Its time came before every approval was given, so it was not published:',
          '',
          `"${d.postText}"`,
        ],
      };
    case 'post_failed':
      return {
        subject: `A post to ${d.handle} failed`,
        lines: [`Publishing to ${d.handle} failed: ${d.error}`, '', `"${d.postText}"`],
      };
    case 'comment_mention':
      return {
        subject: `${d.authorName} mentioned you`,
        lines: [`${d.authorName} mentioned you in a comment:`, '', `"${d.body}"`],
      };
    case 'inbox_assigned':
      return {
        subject: `${d.assignerName} assigned you a message from ${d.authorHandle}`,
        lines: [
          `${d.assignerName} assigned you a message in the inbox from ${d.authorHandle}:`,
          '',
          `"${d.text}"`,
        ],
      };
    case 'crisis_started':
      return {
        subject: 'Crisis mode is on: publishing is paused',
        lines: [
          `${d.actorName} started crisis mode. Nothing scheduled will be published until it ends.`,
          '',
          `Reason: ${d.reason}`,
        ],
      };
    case 'crisis_ended':
      return {
        subject: 'Crisis mode ended: publishing resumed',
        lines: [
          `${d.actorName} ended crisis mode. Posts due later publish at their times again.`,
          ...(Number(d.awaitingReview) > 0
            ? ['', `${d.awaitingReview} post(s) whose time passed during the pause wait for a decision.`]
            : []),
        ],
      };
  }
  return { subject: 'Notification', lines: [] };
}

function bengali<K extends NotificationKind>(kind: K, data: NotificationData[K]): Words {
  const d = data as NotificationData[NotificationKind] & Record<string, unknown>;
  switch (kind) {
    case 'approval_requested':
      if (Number(d.count) > 1) {
        const count = bengaliDigits(String(d.count));
        return {
          subject: `${d.authorName} ${count}টি পোস্ট অনুমোদনের অনুরোধ করেছেন`,
          lines: [
            `${d.authorName} ${count}টি পোস্ট ইমপোর্ট করেছেন, যা আপনার অনুমোদনের অপেক্ষায়। প্রথমটি:`,
            '',
            `"${d.postText}"`,
          ],
        };
      }
      return {
        subject: `${d.authorName} একটি পোস্ট অনুমোদনের অনুরোধ করেছেন`,
        lines: [`${d.authorName}-এর লেখা একটি পোস্ট আপনার অনুমোদনের অপেক্ষায়:`, '', `"${d.postText}"`],
      };
    case 'approval_decided':
      return d.decision === 'approved'
        ? {
            subject: 'আপনার পোস্ট অনুমোদিত হয়েছে',
            lines: [
              `${d.deciderName} আপনার পোস্ট অনুমোদন করেছেন:`,
              '',
              `"${d.postText}"`,
              ...(d.comment ? ['', `মন্তব্য: ${d.comment}`] : []),
            ],
          }
        : {
            subject: 'আপনার পোস্ট ফেরত পাঠানো হয়েছে',
            lines: [
              `${d.deciderName} আপনার পোস্ট আপনাকে ফেরত পাঠিয়েছেন:`,
              '',
              `"${d.postText}"`,
              '',
              `কারণ: ${d.comment}`,
            ],
          };
    case 'post_expired':
      return {
        subject: 'অনুমোদনের আগেই একটি পোস্টের সময় পেরিয়ে গেছে',
        lines: ['সব অনুমোদন পাওয়ার আগেই এর সময় এসে যাওয়ায় এটি প্রকাশ হয়নি:', '', `"${d.postText}"`],
      };
    case 'post_failed':
      return {
        subject: `${d.handle}-এ একটি পোস্ট প্রকাশ হয়নি`,
        lines: [`${d.handle}-এ প্রকাশ ব্যর্থ হয়েছে: ${d.error}`, '', `"${d.postText}"`],
      };
    case 'comment_mention':
      return {
        subject: `${d.authorName} আপনাকে উল্লেখ করেছেন`,
        lines: [`${d.authorName} একটি মন্তব্যে আপনাকে উল্লেখ করেছেন:`, '', `"${d.body}"`],
      };
    case 'inbox_assigned':
      return {
        subject: `${d.assignerName} আপনাকে ${d.authorHandle}-এর একটি বার্তা দিয়েছেন`,
        lines: [
          `${d.assignerName} ইনবক্সে ${d.authorHandle}-এর এই বার্তাটির দায়িত্ব আপনাকে দিয়েছেন:`,
          '',
          `"${d.text}"`,
        ],
      };
    case 'crisis_started':
      return {
        subject: 'সংকট মোড চালু: প্রকাশ বন্ধ আছে',
        lines: [
          `${d.actorName} সংকট মোড চালু করেছেন। এটি শেষ না হওয়া পর্যন্ত নির্ধারিত কিছুই প্রকাশ হবে না।`,
          '',
          `কারণ: ${d.reason}`,
        ],
      };
    case 'crisis_ended':
      return {
        subject: 'সংকট মোড শেষ: প্রকাশ আবার চালু',
        lines: [
          `${d.actorName} সংকট মোড শেষ করেছেন। পরের সময়ের পোস্টগুলো নিজ নিজ সময়ে আবার প্রকাশ হবে।`,
          ...(Number(d.awaitingReview) > 0
            ? [
                '',
                `বিরতির মধ্যে সময় পেরিয়ে যাওয়া ${bengaliDigits(String(d.awaitingReview))}টি পোস্ট সিদ্ধান্তের অপেক্ষায়।`,
              ]
            : []),
        ],
      };
  }
  return { subject: 'বিজ্ঞপ্তি', lines: [] };
}

export function notificationMail<K extends NotificationKind>(
  to: string,
  workspaceName: string,
  kind: K,
  data: NotificationData[K],
  link: string,
  locale: MailLocale,
): MailMessage {
  const words = locale === 'bn' ? bengali(kind, data) : english(kind, data);
  const open = locale === 'bn' ? `কলরবে খুলুন: ${link}` : `Open in Kolorob: ${link}`;
  return {
    to,
    subject:
      locale === 'bn'
        ? `কলরব (${workspaceName}): ${words.subject}`
        : `Kolorob (${workspaceName}): ${words.subject}`,
    text: [...words.lines, '', open].join('\n'),
  };
}
