// Writes a query tree back as query text, to show a person the normalised form of what they typed
// (`Cricket  -"T20 World Cup"` reads back as `cricket AND NOT "t20 world cup"`). The text parses to
// the same tree again; parentheses appear only where precedence needs them.

import type { QueryNode } from './queryAst.ts';

/** Precedence from loose to tight, matching the parser: OR < AND < NEAR < NOT < single items. */
const LEVEL: Record<QueryNode['type'], number> = {
  or: 0,
  and: 1,
  near: 2,
  not: 3,
  term: 4,
  phrase: 4,
  hashtag: 4,
  mention: 4,
  filter: 4,
};

/** The child in parentheses when it binds more loosely than the place it sits in needs. */
function operand(node: QueryNode, atLeast: number): string {
  const text = formatQuery(node);
  return LEVEL[node.type] < atLeast ? `(${text})` : text;
}

export function formatQuery(node: QueryNode): string {
  switch (node.type) {
    case 'term':
      return node.prefix ? `${node.text}*` : node.text;
    case 'phrase':
      return `"${node.words.join(' ')}"`;
    case 'hashtag':
      return `#${node.tag}`;
    case 'mention':
      return `@${node.handle}`;
    case 'filter':
      return `${node.field}:${node.value}`;
    case 'not':
      return `NOT ${operand(node.child, LEVEL.not)}`;
    case 'near':
      return `${formatQuery(node.left)} ${node.ordered ? 'ONEAR' : 'NEAR'}/${node.distance} ${formatQuery(node.right)}`;
    case 'and':
      return node.children.map((child) => operand(child, LEVEL.near)).join(' AND ');
    case 'or':
      return node.children.map((child) => operand(child, LEVEL.and)).join(' OR ');
  }
}
