// Request and response shapes of list templates: the template itself (the same rules as the starter
// templates in content/list-templates/), applying one to an account, and what applying answers.
import { z } from 'zod';
import { listTemplateInputSchema } from '../../../commands/streams/listTemplates.ts';
import { uuidParam } from '../../commonSchemas.ts';
import { columnSchema } from '../boards/schema.ts';
import { networkListResponse } from '../lists/schema.ts';

export const listTemplateBody = listTemplateInputSchema;

export const templateParams = z
  .object({ workspaceId: uuidParam('The workspace'), templateId: uuidParam('The list template') })
  .strict();

export const applyTemplateBody = z
  .object({ accountId: uuidParam('The account'), boardId: uuidParam('The board').optional() })
  .strict();

export const listTemplateResponse = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  members: z.array(z.object({ network: z.enum(['bluesky', 'mastodon']), handle: z.string() })),
  updatedAt: z.date(),
});

export const appliedTemplateResponse = z.object({
  list: networkListResponse,
  added: z.array(z.string()),
  notFound: z.array(z.string()),
  column: columnSchema.nullable(),
});
