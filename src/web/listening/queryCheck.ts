// Checks a listening query as it is typed, with the same parser the server uses: either the normalised
// form of the query (what the server will store and match) or the parser's sentence and the column it
// points at, with the piece of text around that column for showing where the mistake is.
import { QuerySyntaxError } from '../../core/listening/queryAst.ts';
import { formatQuery } from '../../core/listening/queryFormat.ts';
import { parseQuery } from '../../core/listening/queryParser.ts';

export type QueryCheck =
  | { state: 'empty' }
  | { state: 'valid'; normalised: string }
  | { state: 'invalid'; message: string; column: number };

export function checkQuery(text: string): QueryCheck {
  if (text.trim() === '') return { state: 'empty' };
  try {
    return { state: 'valid', normalised: formatQuery(parseQuery(text)) };
  } catch (error) {
    if (error instanceof QuerySyntaxError) {
      return { state: 'invalid', message: error.message, column: error.column };
    }
    throw error;
  }
}

export interface ErrorSpot {
  /** 1-based line of the text the column falls on. */
  line: number;
  /** The text of that line before the marked character. */
  before: string;
  /** The marked character; empty when the column is just past the end of the text. */
  at: string;
  /** The rest of the line. */
  after: string;
}

/** Splits the line holding `column` (1-based, UTF-16 units over the whole text) around that column. */
export function errorSpot(text: string, column: number): ErrorSpot {
  const index = Math.min(Math.max(column - 1, 0), text.length);
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const newline = text.indexOf('\n', index);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(0, index).split('\n').length;
  const atEnd = index >= lineEnd;
  // A character outside the Basic Multilingual Plane takes two units; keep both halves together.
  const code = text.charCodeAt(index);
  const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return {
    line,
    before: text.slice(lineStart, index),
    at: atEnd ? '' : text.slice(index, index + width),
    after: atEnd ? '' : text.slice(index + width, lineEnd),
  };
}
