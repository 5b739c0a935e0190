// Coaching: coaches' availability, free slots, bookings, cancellation and rescheduling.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bookSession,
  cancelBooking,
  listFreeSlots,
  listMyBookings,
  rescheduleBooking,
} from '../../../commands/academy/coaching/bookings.ts';
import {
  getMyCoachProfile,
  listCoaches,
  saveMyCoachProfile,
} from '../../../commands/academy/coaching/coachProfile.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import {
  bookBody,
  bookingParams,
  bookingResponse,
  coachesResponse,
  coachParams,
  coachProfileBody,
  coachProfileResponse,
  myBookingsResponse,
  rescheduleBody,
  slotsQuery,
  slotsResponse,
} from './schema.ts';

const tags = ['academy: coaching'];

export const coachingRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    app.get(
      '/api/workspaces/:workspaceId/academy/coaches',
      {
        schema: {
          tags,
          summary: 'The coaches taking bookings in the workspace, with their introduction and time zone',
          params: workspaceParams,
          response: { 200: coachesResponse },
        },
      },
      async (request) => listCoaches(as(request), request.params.workspaceId),
    );

    app.get(
      '/api/workspaces/:workspaceId/academy/coaching/me',
      {
        schema: {
          tags,
          summary: 'My coach profile in the workspace (null when I do not coach)',
          params: workspaceParams,
          response: { 200: coachProfileResponse },
        },
      },
      async (request) => getMyCoachProfile(as(request), request.params.workspaceId),
    );

    app.put(
      '/api/workspaces/:workspaceId/academy/coaching/me',
      {
        schema: {
          tags,
          summary:
            'Become a coach or change my coach profile: weekly hours and dated exceptions in my own time zone (every member)',
          params: workspaceParams,
          body: coachProfileBody,
          response: { 200: coachProfileResponse },
        },
      },
      async (request) => saveMyCoachProfile(as(request), request.params.workspaceId, request.body),
    );

    app.get(
      '/api/academy/coaches/:coachId/slots',
      {
        schema: {
          tags,
          summary: 'The coach’s free session starts in a range of at most 31 days, in UTC',
          params: coachParams,
          querystring: slotsQuery,
          response: { 200: slotsResponse },
        },
      },
      async (request) => listFreeSlots(as(request), request.params.coachId, request.query),
    );

    app.post(
      '/api/academy/coaches/:coachId/bookings',
      {
        schema: {
          tags,
          summary:
            'Book a free slot with the coach; both get an email with a calendar invitation. 409 when someone else just booked it',
          params: coachParams,
          body: bookBody,
          response: { 201: bookingResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await bookSession(as(request), request.params.coachId, request.body)),
    );

    app.get(
      '/api/workspaces/:workspaceId/academy/coaching/bookings',
      {
        schema: {
          tags,
          summary: 'My sessions that have not ended yet, as member and as coach',
          params: workspaceParams,
          response: { 200: myBookingsResponse },
        },
      },
      async (request) => listMyBookings(as(request), request.params.workspaceId),
    );

    app.post(
      '/api/academy/bookings/:bookingId/cancel',
      {
        schema: {
          tags,
          summary: 'Cancel a session (its member or coach), up to the coach’s notice period before it starts',
          params: bookingParams,
          body: emptyBody,
          response: { 200: bookingResponse },
        },
      },
      async (request) => cancelBooking(as(request), request.params.bookingId),
    );

    app.post(
      '/api/academy/bookings/:bookingId/reschedule',
      {
        schema: {
          tags,
          summary:
            'Move a session to another free slot (its member or coach), up to the notice period before it',
          params: bookingParams,
          body: rescheduleBody,
          response: { 200: bookingResponse },
        },
      },
      async (request) => rescheduleBooking(as(request), request.params.bookingId, request.body),
    );
  };
