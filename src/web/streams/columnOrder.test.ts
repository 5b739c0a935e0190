import { describe, expect, it } from 'vitest';
import { inOrder, moveColumnBy, moveColumnOnto, sameOrder } from './columnOrder.ts';

const ids = ['home', 'mentions', 'list', 'search'];

describe('moving a column one step', () => {
  it.each([
    ['mentions', -1, ['mentions', 'home', 'list', 'search']],
    ['mentions', 1, ['home', 'list', 'mentions', 'search']],
    ['home', -1, ids],
    ['search', 1, ids],
    ['unknown', 1, ids],
  ] as const)('moves %s by %i', (id, step, expected) => {
    expect(moveColumnBy(ids, id, step)).toEqual(expected);
  });
});

describe('dropping a column onto another', () => {
  it.each([
    ['home', 'list', ['mentions', 'list', 'home', 'search']],
    ['search', 'mentions', ['home', 'search', 'mentions', 'list']],
    ['list', 'list', ids],
    ['home', 'gone', ids],
  ] as const)('drops %s onto %s', (dragged, target, expected) => {
    expect(moveColumnOnto(ids, dragged, target)).toEqual(expected);
  });
});

describe('order helpers', () => {
  it('compares orders', () => {
    expect(sameOrder(ids, [...ids])).toBe(true);
    expect(sameOrder(ids, moveColumnBy(ids, 'home', 1))).toBe(false);
    expect(sameOrder(ids, ids.slice(1))).toBe(false);
  });

  it('sorts columns by a list of ids, unknown ones last', () => {
    const columns = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(inOrder(columns, ['c', 'a']).map((column) => column.id)).toEqual(['c', 'a', 'b']);
  });
});
