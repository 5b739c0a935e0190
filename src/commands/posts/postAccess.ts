// Who may change a post: members who may write posts, and contributors only their own.
import { eq } from 'drizzle-orm';
import { forbidden, notFound } from '../../core/appError.ts';
import { can, type Role } from '../../core/roles.ts';
import type { Tx } from '../../db/database.ts';
import { posts } from '../../db/schema.ts';
import type { ActorContext } from '../context.ts';
import { memberRole } from '../workspaceAccess.ts';

export type PostRow = typeof posts.$inferSelect;

/** Locks the post and returns it with the actor's role; 404 for people outside its workspace. */
export async function lockPostForChange(
  ctx: ActorContext,
  tx: Tx,
  postId: string,
): Promise<{ post: PostRow; role: Role }> {
  const [post] = await tx.select().from(posts).where(eq(posts.id, postId)).for('update');
  const role = post ? await memberRole(tx, post.workspaceId, ctx.actorId) : undefined;
  if (!post || !role) throw notFound('The post');
  if (!can(role, 'posts.write')) throw forbidden('Viewers cannot write posts.');
  if (!can(role, 'posts.publishWithoutApproval') && post.authorId !== ctx.actorId) {
    throw forbidden('Contributors can change only their own posts.');
  }
  return { post, role };
}
