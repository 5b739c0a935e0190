// Serves the built single-page app: files from dist/web, and index.html for any other page address.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export async function installWebApp(app: FastifyInstance, webRoot: string | undefined): Promise<void> {
  const built = webRoot !== undefined && fs.existsSync(path.join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      maxAge: '1h',
      immutable: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const pathOnly = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && !pathOnly.startsWith('/api/') && pathOnly !== '/api') {
      if (!built) {
        return reply
          .status(503)
          .type('text/plain')
          .send('The web app is not built yet. Run `npm run build`, then reload.');
      }
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ error: 'not_found', message: `There is no ${request.method} ${pathOnly} here.` });
  });
}
