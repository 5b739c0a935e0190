// Academy courses: list, read, write, publish, progress, quizzes, import and export.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  exportCourseZip,
  importCourseZip,
  MAX_ZIP_BYTES,
  ZIP_TYPES,
} from '../../../commands/academy/courses/courseZip.ts';
import {
  addLesson,
  addModule,
  createCourse,
  deleteCourse,
  deleteLesson,
  deleteModule,
  getLessonSource,
  renameModule,
  reorderCourse,
  setCourseStatus,
  updateCourse,
  updateLesson,
} from '../../../commands/academy/courses/editCourses.ts';
import {
  completeLesson,
  getCourse,
  getLesson,
  listCourses,
  submitQuiz,
} from '../../../commands/academy/courses/learnCourses.ts';
import type { ApiDeps } from '../../apiDeps.ts';
import { emptyBody } from '../../auth/schema.ts';
import { workspaceParams } from '../../commonSchemas.ts';
import { actorContext } from '../../session.ts';
import {
  completedLessonResponse,
  courseChangeResponse,
  courseDetailResponse,
  courseListResponse,
  courseOrderBody,
  courseParams,
  createCourseBody,
  deletedResponse,
  importedCourseResponse,
  lessonParams,
  lessonResponse,
  lessonSourceResponse,
  listCoursesQuery,
  moduleBody,
  moduleParams,
  moduleResponse,
  newLessonBody,
  newLessonResponse,
  orderResponse,
  quizAnswersBody,
  quizOutcomeResponse,
  statusResponse,
  updateCourseBody,
  updatedCourseResponse,
  updateLessonBody,
} from './schema.ts';

const tags = ['academy'];

export const courseRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const as = (request: FastifyRequest) => actorContext(deps.ctx, request);

    // A course folder arrives as the raw .zip file.
    app.addContentTypeParser(
      [...ZIP_TYPES],
      { parseAs: 'buffer', bodyLimit: MAX_ZIP_BYTES },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/api/workspaces/:workspaceId/academy/courses',
      {
        schema: {
          tags,
          summary:
            'The workspace’s courses with the caller’s progress and the lesson to resume at: published ones, and drafts for owners and admins. The first listing adds the starter courses.',
          params: workspaceParams,
          querystring: listCoursesQuery,
          response: { 200: courseListResponse },
        },
      },
      async (request) => listCourses(as(request), request.params.workspaceId, request.query),
    );

    app.post(
      '/api/workspaces/:workspaceId/academy/courses',
      {
        schema: {
          tags,
          summary: 'Start a new course, as a draft (owner, admin)',
          params: workspaceParams,
          body: createCourseBody,
          response: { 201: courseChangeResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createCourse(as(request), request.params.workspaceId, request.body)),
    );

    app.post(
      '/api/workspaces/:workspaceId/academy/courses/import',
      {
        schema: {
          tags,
          summary:
            'Import a course folder as a .zip (body: the file, Content-Type application/zip, at most 5 MB): a new draft, or the course with the same slug replaced (owner, admin)',
          params: workspaceParams,
          response: { 200: importedCourseResponse, 201: importedCourseResponse },
        },
      },
      async (request, reply) => {
        // Anything but a zip never reaches here as a Buffer; the command says so after checking access.
        const data = Buffer.isBuffer(request.body) ? request.body : undefined;
        const imported = await importCourseZip(as(request), request.params.workspaceId, data);
        return reply.status(imported.created ? 201 : 200).send(imported);
      },
    );

    app.get(
      '/api/academy/courses/:courseId',
      {
        schema: {
          tags,
          summary: 'A course with its modules and lessons, each marked done or not for the caller',
          params: courseParams,
          response: { 200: courseDetailResponse },
        },
      },
      async (request) => getCourse(as(request), request.params.courseId),
    );

    app.patch(
      '/api/academy/courses/:courseId',
      {
        schema: {
          tags,
          summary: 'Change a course’s title, summary, language, skills or slug (owner, admin)',
          params: courseParams,
          body: updateCourseBody,
          response: { 200: updatedCourseResponse },
        },
      },
      async (request) => updateCourse(as(request), request.params.courseId, request.body),
    );

    app.delete(
      '/api/academy/courses/:courseId',
      {
        schema: {
          tags,
          summary: 'Delete a course with its lessons and everyone’s progress (owner, admin)',
          params: courseParams,
          body: emptyBody,
          response: { 200: deletedResponse },
        },
      },
      async (request) => deleteCourse(as(request), request.params.courseId),
    );

    for (const [action, status] of [
      ['publish', 'published'],
      ['unpublish', 'draft'],
    ] as const) {
      app.post(
        `/api/academy/courses/:courseId/${action}`,
        {
          schema: {
            tags,
            summary:
              status === 'published'
                ? 'Publish a course so every member can take it (owner, admin)'
                : 'Take a course back to draft, hidden from members (owner, admin)',
            params: courseParams,
            body: emptyBody,
            response: { 200: statusResponse },
          },
        },
        async (request) => setCourseStatus(as(request), request.params.courseId, status),
      );
    }

    app.get(
      '/api/academy/courses/:courseId/export',
      {
        schema: {
          tags,
          summary:
            'The course as a folder zip: course.json, lessons/*.md and certification.json (owner, admin)',
          params: courseParams,
        },
      },
      async (request, reply) => {
        const { fileName, bytes } = await exportCourseZip(as(request), request.params.courseId);
        return reply
          .header('content-type', 'application/zip')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .header('cache-control', 'no-store')
          .send(Buffer.from(bytes));
      },
    );

    app.post(
      '/api/academy/courses/:courseId/order',
      {
        schema: {
          tags,
          summary: 'Put the modules, and the lessons in each, in a new order (owner, admin)',
          params: courseParams,
          body: courseOrderBody,
          response: { 200: orderResponse },
        },
      },
      async (request) => reorderCourse(as(request), request.params.courseId, request.body),
    );

    app.post(
      '/api/academy/courses/:courseId/modules',
      {
        schema: {
          tags,
          summary: 'Add a module at the end of a course (owner, admin)',
          params: courseParams,
          body: moduleBody,
          response: { 201: moduleResponse },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await addModule(as(request), request.params.courseId, request.body)),
    );

    app.patch(
      '/api/academy/courses/:courseId/modules/:moduleId',
      {
        schema: {
          tags,
          summary: 'Rename a module (owner, admin)',
          params: moduleParams,
          body: moduleBody,
          response: { 200: moduleResponse },
        },
      },
      async (request) =>
        renameModule(as(request), request.params.courseId, request.params.moduleId, request.body),
    );

    app.delete(
      '/api/academy/courses/:courseId/modules/:moduleId',
      {
        schema: {
          tags,
          summary: 'Delete a module with its lessons and quizzes (owner, admin)',
          params: moduleParams,
          body: emptyBody,
          response: { 200: deletedResponse },
        },
      },
      async (request) => deleteModule(as(request), request.params.courseId, request.params.moduleId),
    );

    app.post(
      '/api/academy/courses/:courseId/modules/:moduleId/lessons',
      {
        schema: {
          tags,
          summary: 'Add a lesson (Markdown) or a quiz at the end of a module (owner, admin)',
          params: moduleParams,
          body: newLessonBody,
          response: { 201: newLessonResponse },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await addLesson(as(request), request.params.courseId, request.params.moduleId, request.body)),
    );

    app.get(
      '/api/academy/lessons/:lessonId',
      {
        schema: {
          tags,
          summary:
            'A lesson to read or a quiz to answer (without its answers); the caller will resume the course here',
          params: lessonParams,
          response: { 200: lessonResponse },
        },
      },
      async (request) => getLesson(as(request), request.params.lessonId),
    );

    app.get(
      '/api/academy/lessons/:lessonId/source',
      {
        schema: {
          tags,
          summary:
            'A lesson as its editor needs it, a quiz with its correct options and explanations (owner, admin)',
          params: lessonParams,
          response: { 200: lessonSourceResponse },
        },
      },
      async (request) => getLessonSource(as(request), request.params.lessonId),
    );

    app.patch(
      '/api/academy/lessons/:lessonId',
      {
        schema: {
          tags,
          summary: 'Change a lesson’s title and Markdown, or a quiz’s title and questions (owner, admin)',
          params: lessonParams,
          body: updateLessonBody,
          response: { 200: lessonSourceResponse },
        },
      },
      async (request) => updateLesson(as(request), request.params.lessonId, request.body),
    );

    app.delete(
      '/api/academy/lessons/:lessonId',
      {
        schema: {
          tags,
          summary: 'Delete a lesson or quiz (owner, admin)',
          params: lessonParams,
          body: emptyBody,
          response: { 200: deletedResponse },
        },
      },
      async (request) => deleteLesson(as(request), request.params.lessonId),
    );

    app.post(
      '/api/academy/lessons/:lessonId/complete',
      {
        schema: {
          tags,
          summary: 'Mark a lesson as done (a quiz is done once passed)',
          params: lessonParams,
          body: emptyBody,
          response: { 200: completedLessonResponse },
        },
      },
      async (request) => completeLesson(as(request), request.params.lessonId),
    );

    app.post(
      '/api/academy/lessons/:lessonId/answers',
      {
        schema: {
          tags,
          summary:
            'Answer a quiz: each question right or wrong with every option’s explanation. At least 60% right marks it done and keeps the best score.',
          params: lessonParams,
          body: quizAnswersBody,
          response: { 200: quizOutcomeResponse },
        },
      },
      async (request) => submitQuiz(as(request), request.params.lessonId, request.body),
    );
  };
