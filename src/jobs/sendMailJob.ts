// Delivers queued email; a failure is retried by the queue with backoff.
import type { Mailer, MailMessage } from '../mail/mailer.ts';
import type { JobQueue } from './jobQueue.ts';

export const SEND_MAIL = 'send-mail';

export function workSendMail(jobs: JobQueue, mailer: Mailer): Promise<void> {
  return jobs.work<MailMessage>(SEND_MAIL, (message) => mailer.send(message));
}
