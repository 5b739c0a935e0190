// Who is signed in, whether the instance still needs its first setup, and the actions that change either.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { setLocale } from '../i18n/i18n.ts';
import { ApiError, api } from './apiClient.ts';
import type { Locale, Me } from './apiTypes.ts';

export const meKey = ['me'] as const;
export const setupKey = ['setup'] as const;

export function useSetupStatus() {
  return useQuery({
    queryKey: setupKey,
    queryFn: () => api.get<{ needed: boolean }>('/setup'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The signed-in person, or null when nobody is signed in (the API answers 401). */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api.get<Me>('/me');
        await setLocale(me.user.locale);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Stores a fresh Me from any answer that signs someone in, and shows the page in their language. */
export async function rememberMe(queryClient: QueryClient, me: Me): Promise<void> {
  queryClient.setQueryData(meKey, me);
  queryClient.setQueryData(setupKey, { needed: false });
  await setLocale(me.user.locale);
}

export interface SetupInput {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
  locale: Locale;
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<Me>('/setup', input),
    onSuccess: (me) => rememberMe(queryClient, me),
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Me>('/auth/sign-in', input),
    onSuccess: (me) => rememberMe(queryClient, me),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/sign-out'),
    onSuccess: () => {
      // Drop everything the previous person could see before anyone else uses this browser.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== setupKey[0] });
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: { email: string }) => api.post<{ message: string }>('/auth/password-reset', input),
  });
}

export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post<Me>('/auth/password-reset/confirm', input),
    onSuccess: (me) => rememberMe(queryClient, me),
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: { name?: string; locale?: Locale; currentWorkspaceId?: string }) =>
      api.patch<Me>('/me', changes),
    onSuccess: async (me, changes) => {
      // Only an answer to a language change may set the language, so a slower earlier answer cannot undo a newer choice.
      if (changes.locale) await rememberMe(queryClient, me);
      else queryClient.setQueryData(meKey, me);
    },
  });
}
