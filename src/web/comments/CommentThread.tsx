// Comments and internal notes on a post or an inbox item, with @mentions of teammates.
export function CommentThread(_props: {
  workspaceId: string;
  subjectType: 'post' | 'inbox_item';
  subjectId: string;
}) {
  return null;
}
