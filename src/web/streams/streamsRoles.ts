// What the person's role lets them do from a stream item, as the server checks it: likes and reposts
// need editor or above (streams.engage), replies and quotes are posts (contributor or above).
import { ROLES, type Role } from '../api/apiTypes.ts';

const atLeast = (role: Role, lowest: Role) => ROLES.indexOf(role) <= ROLES.indexOf(lowest);

export function canEngage(role: Role): boolean {
  return atLeast(role, 'editor');
}

export function canWritePosts(role: Role): boolean {
  return atLeast(role, 'contributor');
}
