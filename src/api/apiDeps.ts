// What the route plugins need from the running server.
import type { CommandContext } from '../commands/context.ts';

export interface ApiDeps {
  ctx: CommandContext;
  cookieSecure: boolean;
}
