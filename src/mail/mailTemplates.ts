// The emails Kolorob sends, in the recipient's language.
import type { MailMessage } from './mailer.ts';

export type MailLocale = 'en' | 'bn';

export function passwordResetMail(to: string, link: string, locale: MailLocale): MailMessage {
  return locale === 'bn'
    ? {
        to,
        subject: 'কলরব: পাসওয়ার্ড রিসেট',
        text: `আপনার কলরব পাসওয়ার্ড নতুন করে ঠিক করতে এই লিংকটি খুলুন (এক ঘণ্টা কার্যকর):\n${link}\n\nআপনি অনুরোধ না করে থাকলে এই ইমেইলটি উপেক্ষা করুন।`,
      }
    : {
        to,
        subject: 'Kolorob: reset your password',
        text: `Open this link to choose a new Kolorob password (valid for one hour):\n${link}\n\nIf you did not ask for this, ignore this email.`,
      };
}

export function invitationMail(
  to: string,
  link: string,
  inviter: string,
  workspace: string,
  locale: MailLocale,
): MailMessage {
  return locale === 'bn'
    ? {
        to,
        subject: `কলরব: ${workspace}-এ যোগ দেওয়ার আমন্ত্রণ`,
        text: `${inviter} আপনাকে কলরবের "${workspace}" ওয়ার্কস্পেসে আমন্ত্রণ জানিয়েছেন। যোগ দিতে এই লিংকটি খুলুন (৭ দিন কার্যকর):\n${link}`,
      }
    : {
        to,
        subject: `Kolorob: join ${workspace}`,
        text: `${inviter} invited you to the "${workspace}" workspace on Kolorob. Open this link to join (valid for 7 days):\n${link}`,
      };
}
