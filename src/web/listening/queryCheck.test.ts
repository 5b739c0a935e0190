import { describe, expect, it } from 'vitest';
import { checkQuery, errorSpot } from './queryCheck.ts';

describe('checkQuery', () => {
  it.each([
    ['', { state: 'empty' }],
    ['   ', { state: 'empty' }],
    ['Kolorob -spam', { state: 'valid', normalised: 'kolorob AND NOT spam' }],
    ['কলরব OR "সোশ্যাল মিডিয়া"', { state: 'valid', normalised: 'কলরব OR "সোশ্যাল মিডিয়া"' }],
  ])('reads %j', (text, expected) => {
    expect(checkQuery(text)).toEqual(expected);
  });

  it('answers the parser’s sentence and column for a mistake', () => {
    const check = checkQuery('brand AND "late delivery');
    expect(check).toMatchObject({ state: 'invalid', column: 11 });
    expect(check.state === 'invalid' && check.message).toMatch(/quote/i);
  });
});

describe('errorSpot', () => {
  it.each([
    ['abc "def', 5, { line: 1, before: 'abc ', at: '"', after: 'def' }],
    ['abc', 4, { line: 1, before: 'abc', at: '', after: '' }],
    ['one\ntwo (three', 9, { line: 2, before: 'two ', at: '(', after: 'three' }],
    ['x 😀y', 3, { line: 1, before: 'x ', at: '😀', after: 'y' }],
    ['x', 0, { line: 1, before: '', at: 'x', after: '' }],
  ])('marks %j at column %i', (text, column, expected) => {
    expect(errorSpot(text, column)).toEqual(expected);
  });
});
