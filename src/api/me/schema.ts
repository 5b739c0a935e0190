import { z } from 'zod';
import { localeSchema, personNameSchema, uuidParam } from '../commonSchemas.ts';

export const updateMeBody = z
  .object({
    name: personNameSchema.optional(),
    locale: localeSchema.optional(),
    currentWorkspaceId: uuidParam('The workspace').optional(),
  })
  .strict();
