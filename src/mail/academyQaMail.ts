// The email telling someone who asked a question on a course that another member answered it.
import type { MailMessage } from './mailer.ts';
import type { MailLocale } from './mailTemplates.ts';

export interface AnswerMailFacts {
  answerer: string;
  questionTitle: string;
  courseTitle: string;
  /** The start of the answer, as a preview. */
  answer: string;
  link: string;
}

const PREVIEW_LENGTH = 300;

function preview(text: string): string {
  const flat = text.trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH).trimEnd()}…` : flat;
}

export function questionAnsweredMail(to: string, facts: AnswerMailFacts, locale: MailLocale): MailMessage {
  const quoted = preview(facts.answer)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return locale === 'bn'
    ? {
        to,
        subject: `কলরব: "${facts.questionTitle}" প্রশ্নের নতুন উত্তর`,
        text: `${facts.answerer} "${facts.courseTitle}" কোর্সে আপনার প্রশ্ন "${facts.questionTitle}"-এর উত্তর দিয়েছেন:\n\n${quoted}\n\nপুরো উত্তর পড়তে এবং সহায়ক হলে চিহ্নিত করতে এই লিংকটি খুলুন:\n${facts.link}`,
      }
    : {
        to,
        subject: `Kolorob: new answer to "${facts.questionTitle}"`,
        text: `${facts.answerer} answered your question "${facts.questionTitle}" in the course "${facts.courseTitle}":\n\n${quoted}\n\nOpen this link to read the whole answer and mark it as helpful if it was:\n${facts.link}`,
      };
}
