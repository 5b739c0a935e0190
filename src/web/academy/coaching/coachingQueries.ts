// What the coaching page asks of the API: the coaches, a coach's free slots, my sessions, booking,
// cancelling and moving a session, and my own coach profile.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/apiClient.ts';

export interface Coach {
  id: string;
  userId: string;
  name: string;
  bio: string;
  timeZone: string;
  sessionMinutes: number;
  noticeHours: number;
}

export interface CoachWindow {
  start: string;
  end: string;
}

export interface WeeklyWindow extends CoachWindow {
  weekday: number;
}

export interface CoachException {
  date: string;
  windows: CoachWindow[];
}

export interface CoachProfile {
  id: string;
  bio: string;
  timeZone: string;
  sessionMinutes: number;
  noticeHours: number;
  weekly: WeeklyWindow[];
  exceptions: CoachException[];
  active: boolean;
}

export type CoachProfileInput = Omit<CoachProfile, 'id'>;

export interface FreeSlots {
  coachId: string;
  timeZone: string;
  sessionMinutes: number;
  noticeHours: number;
  active: boolean;
  slots: string[];
}

export interface Booking {
  id: string;
  coachId: string;
  memberId: string;
  startsAt: string;
  endsAt: string;
  topic: string;
  status: 'booked' | 'cancelled';
  sequence: number;
}

export interface MyBooking extends Booking {
  role: 'member' | 'coach';
  coach: { id: string; name: string; timeZone: string };
  member: { id: string; name: string };
  noticeHours: number;
  changeDeadline: string;
}

const workspacePath = (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/academy`;
const key = (workspaceId: string, ...rest: string[]) => [
  'workspace',
  workspaceId,
  'academy-coaching',
  ...rest,
];

export function useCoaches(workspaceId: string) {
  return useQuery({
    queryKey: key(workspaceId, 'coaches'),
    queryFn: async () =>
      (await api.get<{ coaches: Coach[] }>(`${workspacePath(workspaceId)}/coaches`)).coaches,
  });
}

export function useFreeSlots(workspaceId: string, coachId: string, from: Date, to: Date) {
  return useQuery({
    queryKey: key(workspaceId, 'slots', coachId, from.toISOString(), to.toISOString()),
    queryFn: () =>
      api.get<FreeSlots>(
        `/academy/coaches/${encodeURIComponent(coachId)}/slots?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`,
      ),
  });
}

export function useMyBookings(workspaceId: string) {
  return useQuery({
    queryKey: key(workspaceId, 'bookings'),
    queryFn: async () =>
      (await api.get<{ bookings: MyBooking[] }>(`${workspacePath(workspaceId)}/coaching/bookings`)).bookings,
  });
}

export function useMyCoachProfile(workspaceId: string) {
  return useQuery({
    queryKey: key(workspaceId, 'me'),
    queryFn: async () =>
      (await api.get<{ coach: CoachProfile | null }>(`${workspacePath(workspaceId)}/coaching/me`)).coach,
  });
}

/** Slots, sessions and coaches all change together when a session is booked, moved or cancelled. */
function useRefreshCoaching(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key(workspaceId) });
}

export function useBookSession(workspaceId: string) {
  const refresh = useRefreshCoaching(workspaceId);
  return useMutation({
    mutationFn: (input: { coachId: string; startsAt: string; topic: string }) =>
      api.post<Booking>(`/academy/coaches/${encodeURIComponent(input.coachId)}/bookings`, {
        startsAt: input.startsAt,
        topic: input.topic,
      }),
    // A refusal (someone else was quicker) also means the slots have changed.
    onSettled: refresh,
  });
}

export function useCancelBooking(workspaceId: string) {
  const refresh = useRefreshCoaching(workspaceId);
  return useMutation({
    mutationFn: (bookingId: string) =>
      api.post<Booking>(`/academy/bookings/${encodeURIComponent(bookingId)}/cancel`),
    onSettled: refresh,
  });
}

export function useRescheduleBooking(workspaceId: string) {
  const refresh = useRefreshCoaching(workspaceId);
  return useMutation({
    mutationFn: (input: { bookingId: string; startsAt: string }) =>
      api.post<Booking>(`/academy/bookings/${encodeURIComponent(input.bookingId)}/reschedule`, {
        startsAt: input.startsAt,
      }),
    onSettled: refresh,
  });
}

export function useSaveCoachProfile(workspaceId: string) {
  const refresh = useRefreshCoaching(workspaceId);
  return useMutation({
    mutationFn: (input: CoachProfileInput) =>
      api.put<{ coach: CoachProfile }>(`${workspacePath(workspaceId)}/coaching/me`, input),
    onSuccess: refresh,
  });
}
