// The title a column shows: the server names every column in English, so the kinds whose title is
// only the kind's name (Home, Mentions, My posts, Scheduled) are named in the page's language instead;
// a list, a search, a feed and a listening query keep their own name.
import type { TFunction } from 'i18next';
import type { ColumnKind } from '../../core/streams/streamTypes.ts';

const OWN_NAME: readonly ColumnKind[] = ['list', 'search', 'rss', 'listening'];

export function columnTitle(column: { kind: ColumnKind; title: string }, t: TFunction): string {
  const kindName = t(`streams.kinds.${column.kind}`);
  return OWN_NAME.includes(column.kind) && column.title ? column.title : kindName;
}
