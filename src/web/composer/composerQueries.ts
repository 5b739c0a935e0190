// What the composer asks of the API: the accounts it can post to, image uploads, and creating the post.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../api/apiClient.ts';
import type { SocialAccount } from '../api/apiTypes.ts';

/** An account the composer can post to. */
export type ComposerAccount = SocialAccount;

export type PostMode = 'draft' | 'now' | 'schedule' | 'queue';

export interface CreatePostBody {
  text: string;
  targets: { accountId: string; text?: string; media?: { mediaId: string; alt: string }[] }[];
  mode: PostMode;
  scheduledAt?: string;
  tags?: string[];
}

export type TargetStatus =
  | 'draft'
  | 'pending_approval'
  | 'scheduled'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'paused'
  | 'cancelled'
  | 'expired';

export interface CreatedPost {
  id: string;
  targets: {
    id: string;
    accountId: string;
    status: TargetStatus;
    threadPosition: number;
    version: number;
    scheduledAt: string | null;
  }[];
}

export interface UploadedMedia {
  id: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  alt: string;
}

const workspacePath = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}`;

/** Where the browser loads an uploaded image from (the session cookie grants access). */
export function mediaUrl(workspaceId: string, mediaId: string): string {
  return `/api${workspacePath(workspaceId)}/media/${encodeURIComponent(mediaId)}`;
}

/**
 * Uploads one image as the raw request body with the file's own type; the API client only speaks JSON.
 * Errors come back as ApiError with the server's sentence, like every other call.
 */
export function uploadImage(workspaceId: string, file: File): Promise<UploadedMedia> {
  return apiUpload<UploadedMedia>(
    `${workspacePath(workspaceId)}/media`,
    file,
    file.type || 'application/octet-stream',
  );
}

export function useCreatePost(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePostBody) => api.post<CreatedPost>(`${workspacePath(workspaceId)}/posts`, body),
    // Whatever lists this workspace's posts (the planner) now has one more to show.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId] }),
  });
}
