// Addresses of the Listening pages: the query list, a new query, one query (with its range) and its editor.
import type { RangeName } from './timeRange.ts';

const base = (workspaceId: string) => `/w/${encodeURIComponent(workspaceId)}/listening`;

export const listeningPath = base;
export const newQueryPath = (workspaceId: string) => `${base(workspaceId)}/new`;
export const queryPagePath = (workspaceId: string, queryId: string, range?: RangeName) =>
  `${base(workspaceId)}/${encodeURIComponent(queryId)}${range ? `?range=${range}` : ''}`;
export const editQueryPath = (workspaceId: string, queryId: string) =>
  `${base(workspaceId)}/${encodeURIComponent(queryId)}/edit`;

/** Owners, admins and editors write queries; owners and admins set the retention (the server decides). */
export const writesQueries = (role: string) => role === 'owner' || role === 'admin' || role === 'editor';
export const setsRetention = (role: string) => role === 'owner' || role === 'admin';
