// Sends email through SMTP when SMTP_URL is set; otherwise writes the message to the server log,
// so a self-hoster without mail can still follow a reset or invitation link.
import nodemailer from 'nodemailer';

export interface MailAttachment {
  filename: string;
  /** The file itself as text: messages travel through the job queue as JSON. */
  content: string;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface MailLog {
  info(obj: object, msg: string): void;
}

export function createMailer(options: { smtpUrl?: string; from: string; log: MailLog }): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(message) {
        options.log.info(
          {
            to: message.to,
            subject: message.subject,
            ...(message.attachments?.length
              ? { attachments: message.attachments.map((a) => a.filename) }
              : {}),
          },
          `Email not sent (no SMTP_URL): ${message.text}`,
        );
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}
