// LinkedIn limits a post's commentary to 3000 characters, counted as graphemes.
import { graphemeTextRule } from './graphemeRule.ts';

export const linkedinTextRule = graphemeTextRule('linkedin', 'LinkedIn', 3000);
