// What the workspace frame hands to the page inside it: the signed-in person and their membership of this workspace.
import { useOutletContext } from 'react-router-dom';
import type { Me, WorkspaceSummary } from '../api/apiTypes.ts';

export interface WorkspaceContext {
  me: Me;
  workspace: WorkspaceSummary;
}

export function useWorkspaceContext(): WorkspaceContext {
  return useOutletContext<WorkspaceContext>();
}
