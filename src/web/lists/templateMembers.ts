// The people of a list template: grouped by network for reading, and cleaned up from the form's rows
// (spaces and a leading @ dropped, empty rows and repeats left out) before saving.
import type { TemplateMember } from './listsQueries.ts';

/** Networks that have lists a template can fill, in the order the page shows them. */
export const TEMPLATE_NETWORKS = [
  'bluesky',
  'mastodon',
] as const satisfies readonly TemplateMember['network'][];

export interface NetworkGroup {
  network: TemplateMember['network'];
  handles: string[];
}

export function groupByNetwork(members: readonly TemplateMember[]): NetworkGroup[] {
  const groups = new Map<TemplateMember['network'], string[]>();
  for (const member of members) {
    const handles = groups.get(member.network) ?? [];
    handles.push(member.handle);
    groups.set(member.network, handles);
  }
  const order = (network: string) => {
    const index = (TEMPLATE_NETWORKS as readonly string[]).indexOf(network);
    return index === -1 ? TEMPLATE_NETWORKS.length : index;
  };
  return [...groups]
    .map(([network, handles]) => ({ network, handles }))
    .sort((a, b) => order(a.network) - order(b.network));
}

export function cleanMembers(rows: readonly TemplateMember[]): TemplateMember[] {
  const seen = new Set<string>();
  const cleaned: TemplateMember[] = [];
  for (const row of rows) {
    const handle = row.handle.trim().replace(/^@/, '');
    if (!handle) continue;
    const key = `${row.network} ${handle.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    cleaned.push({ network: row.network, handle });
  }
  return cleaned;
}
