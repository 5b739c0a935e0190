// Listening: the workspace's queries with their last day of mentions, a query's page (volume, sentiment,
// top authors, words and hashtags, share of voice, mentions and alerts) and the query editor.
import './listening.css';
import { useParams } from 'react-router-dom';
import { useWorkspaceContext } from '../shell/workspaceContext.ts';
import { QueryDetail } from './QueryDetail.tsx';
import { QueryEditorPage } from './QueryEditor.tsx';
import { QueryList } from './QueryList.tsx';

export function ListeningPage({ view }: { view?: 'new' | 'edit' }) {
  const { workspace } = useWorkspaceContext();
  const { queryId } = useParams();
  if (view === 'new') return <QueryEditorPage workspace={workspace} />;
  if (queryId && view === 'edit')
    return <QueryEditorPage key={queryId} workspace={workspace} queryId={queryId} />;
  if (queryId) return <QueryDetail key={queryId} workspace={workspace} queryId={queryId} />;
  return <QueryList workspace={workspace} />;
}
