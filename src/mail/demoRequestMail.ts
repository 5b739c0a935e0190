// The email owners and admins of the first workspace get when someone asks for a demo, in their language.

import type { MailMessage } from './mailer.ts';
import type { MailLocale } from './mailTemplates.ts';

export interface DemoRequestDetails {
  name: string;
  email: string;
  company: string;
  teamSize: string;
  message: string;
}

const bengaliDigits = (text: string) =>
  text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x09e6 + Number(digit)));

export function demoRequestMail(
  to: string,
  request: DemoRequestDetails,
  listLink: string,
  locale: MailLocale,
): MailMessage {
  if (locale === 'bn') {
    const lines = [
      `${request.name} (${request.company}) কলরবের ডেমো দেখতে চেয়েছেন।`,
      '',
      `নাম: ${request.name}`,
      `ইমেইল: ${request.email}`,
      `প্রতিষ্ঠান: ${request.company}`,
      `দলের আকার: ${bengaliDigits(request.teamSize)} জন`,
    ];
    if (request.message) lines.push('', 'বার্তা:', request.message);
    lines.push('', `সব অনুরোধ দেখুন: ${listLink}`);
    return { to, subject: `কলরব: ${request.company} থেকে ডেমোর অনুরোধ`, text: lines.join('\n') };
  }
  const lines = [
    `${request.name} of ${request.company} asked for a demo of Kolorob.`,
    '',
    `Name: ${request.name}`,
    `Email: ${request.email}`,
    `Company: ${request.company}`,
    `Team size: ${request.teamSize} people`,
  ];
  if (request.message) lines.push('', 'Message:', request.message);
  lines.push('', `See every request: ${listLink}`);
  return { to, subject: `Kolorob: demo request from ${request.company}`, text: lines.join('\n') };
}
