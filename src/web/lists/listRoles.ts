// Which list actions a workspace role may take. They mirror the server's lists.manage (editor and up) and
// listTemplates.manage (admin and up) permissions, which have the final say; the page only hides buttons.
import type { Role } from '../api/apiTypes.ts';

export const managesLists = (role: Role) => role === 'owner' || role === 'admin' || role === 'editor';

export const managesListTemplates = (role: Role) => role === 'owner' || role === 'admin';
