// Lists every "METHOD /path" under /api that the server registered, so the access and input suites can
// fail when a route is added without a row of its own.
import type { FastifyInstance } from 'fastify';

/** Every "METHOD /path" under /api the server registered, read from Fastify's route tree (docs excluded). */
export function registeredApiRoutes(api: FastifyInstance): string[] {
  const parents: string[] = [];
  const routes = new Set<string>();
  for (const line of api.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    parents.length = depth;
    const path = (parents[depth - 1] ?? '') + match[2];
    parents.push(path);
    for (const method of match[3]?.split(',') ?? []) routes.add(`${method.trim()} ${path}`);
  }
  return [...routes]
    .filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      if (!path.startsWith('/api') || path === '/api/docs' || path.startsWith('/api/docs/')) return false;
      // Fastify answers HEAD for every GET by itself; a HEAD route of its own still needs an entry.
      return !(method === 'HEAD' && routes.has(`GET ${path}`));
    })
    .sort();
}
