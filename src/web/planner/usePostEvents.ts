// Live status for the planner: listens to the workspace's post events and writes each change into the
// cached lists, so a scheduled chip turns published without a reload. Every (re)connection refetches,
// since changes made while the stream was down were never sent.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { approvalsKey } from '../approvals/approvalQueries.ts';
import { applyTargetChanges, type PlannedPost, type TargetChange } from './plannedPosts.ts';
import { postsKey } from './plannerQueries.ts';

export function usePostEvents(workspaceId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource(`/api/workspaces/${encodeURIComponent(workspaceId)}/posts/events`);
    const key = postsKey(workspaceId);

    const onOpen = () => void queryClient.invalidateQueries({ queryKey: key });
    const onTargets = (event: MessageEvent<string>) => {
      let changes: TargetChange[];
      try {
        changes = JSON.parse(event.data) as TargetChange[];
      } catch {
        return;
      }
      if (!Array.isArray(changes) || changes.length === 0) return;
      // A status change is often an approval decided or a crisis begun: what the queue and an open
      // post's approval say may have changed with it.
      void queryClient.invalidateQueries({ queryKey: approvalsKey(workspaceId) });
      const known = new Set<string>();
      for (const [queryKey, posts] of queryClient.getQueriesData<PlannedPost[]>({ queryKey: key })) {
        if (!posts) continue;
        const result = applyTargetChanges(posts, changes);
        for (const change of changes) if (!result.unknown.includes(change)) known.add(change.id);
        if (result.changed) queryClient.setQueryData(queryKey, result.posts);
      }
      // A target no list holds yet (a new post, or one moved into view) needs the lists asked again.
      if (changes.some((change) => !known.has(change.id) && change.status !== 'cancelled')) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    };

    source.addEventListener('open', onOpen);
    source.addEventListener('targets', onTargets as EventListener);
    return () => {
      source.removeEventListener('open', onOpen);
      source.removeEventListener('targets', onTargets as EventListener);
      source.close();
    };
  }, [queryClient, workspaceId]);
}
