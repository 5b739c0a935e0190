// Reads Kolorob's settings from the environment once, with defaults and clear errors.
import path from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  KOLOROB_DATA: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  KOLOROB_SECRET: z.string().min(16, 'KOLOROB_SECRET must be at least 16 characters').optional(),
  KOLOROB_PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Kolorob <kolorob@localhost>'),
  KOLOROB_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  KOLOROB_ALLOW_PRIVATE_FETCH: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secret: string | undefined;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  cookieSecure: boolean;
  /** Let user-given server addresses point at private, loopback and link-local hosts (a LAN PDS, tests). */
  allowPrivateFetch: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Kolorob cannot start: invalid configuration (${problems})`);
  }
  const e = parsed.data;
  const publicUrl = (e.KOLOROB_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KOLOROB_DATA),
    databaseUrl: e.DATABASE_URL,
    secret: e.KOLOROB_SECRET,
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    cookieSecure: e.KOLOROB_COOKIE_SECURE
      ? e.KOLOROB_COOKIE_SECURE === 'true'
      : publicUrl.startsWith('https:'),
    allowPrivateFetch: e.KOLOROB_ALLOW_PRIVATE_FETCH === 'true',
    logLevel: e.LOG_LEVEL,
  };
}
