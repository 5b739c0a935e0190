// The email owners and admins get when a listening query spikes, in their language.
import type { MailMessage } from './mailer.ts';
import type { MailLocale } from './mailTemplates.ts';

export interface ListeningAlertDetails {
  workspaceName: string;
  queryName: string;
  kind: 'volume' | 'negative';
  /** Mentions in the last hour. */
  count: number;
  /** Mentions usually seen in that hour. */
  mean: number;
  negativeShare?: number;
  baselineShare?: number;
  ownBrand: boolean;
}

const bengaliDigits = (text: string) =>
  text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x09e6 + Number(digit)));
const percent = (share: number | undefined) => Math.round((share ?? 0) * 100);
const usual = (mean: number) => Math.round(mean * 10) / 10;

export function listeningAlertMail(
  to: string,
  alert: ListeningAlertDetails,
  link: string,
  locale: MailLocale,
): MailMessage {
  if (locale === 'bn') {
    const bn = (n: number) => bengaliDigits(String(n));
    const lines =
      alert.kind === 'volume'
        ? [
            `"${alert.queryName}" নিয়ে গত এক ঘণ্টায় ${bn(alert.count)}টি উল্লেখ এসেছে; এই সময়ে সাধারণত আসে প্রায় ${bn(usual(alert.mean))}টি।`,
          ]
        : [
            `"${alert.queryName}" নিয়ে গত এক ঘণ্টার ${bn(alert.count)}টি উল্লেখের ${bn(percent(alert.negativeShare))}% নেতিবাচক; সাধারণত নেতিবাচক থাকে ${bn(percent(alert.baselineShare))}%।`,
          ];
    if (alert.ownBrand) lines.push('', 'এটি আপনার নিজের ব্র্যান্ড নিয়ে। দরকার হলে সংকট মোড চালু করার কথা ভাবুন।');
    lines.push('', `উল্লেখগুলো দেখুন: ${link}`);
    const what = alert.kind === 'volume' ? 'উল্লেখ হঠাৎ বেড়েছে' : 'নেতিবাচক উল্লেখ বেড়েছে';
    return {
      to,
      subject: `কলরব (${alert.workspaceName}): "${alert.queryName}" — ${what}`,
      text: lines.join('\n'),
    };
  }
  const lines =
    alert.kind === 'volume'
      ? [
          `"${alert.queryName}" had ${alert.count} mentions in the last hour; this hour usually brings about ${usual(alert.mean)}.`,
        ]
      : [
          `${percent(alert.negativeShare)}% of the ${alert.count} mentions of "${alert.queryName}" in the last hour were negative; usually ${percent(alert.baselineShare)}% are.`,
        ];
  if (alert.ownBrand)
    lines.push('', 'This is about your own brand. Consider starting crisis mode if it needs a response.');
  lines.push('', `See the mentions: ${link}`);
  const what = alert.kind === 'volume' ? 'mentions spiked' : 'negative mentions rose';
  return {
    to,
    subject: `Kolorob (${alert.workspaceName}): "${alert.queryName}" — ${what}`,
    text: lines.join('\n'),
  };
}
