// Threads limits a post to 500 characters, counted as graphemes.
import { graphemeTextRule } from './graphemeRule.ts';

export const threadsTextRule = graphemeTextRule('threads', 'Threads', 500);
