// Who is signed in, the workspaces they belong to, and which one they are working in.
import { eq } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import type { ActorContext } from './context.ts';
import { listMyWorkspaces } from './workspaces.ts';

export async function describeMe(ctx: ActorContext) {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, ctx.actorId));
  const workspaces = await listMyWorkspaces(ctx);
  const current = workspaces.find((w) => w.id === user!.lastWorkspaceId) ?? workspaces[0];
  return {
    user: {
      id: user!.id,
      name: user!.name,
      email: user!.email,
      locale: user!.locale === 'bn' ? ('bn' as const) : ('en' as const),
    },
    workspaces,
    currentWorkspaceId: current?.id ?? null,
  };
}
