import { expect, it } from 'vitest';
import { applyRelist } from './list-watch';

it('a relist upserts every listed object and removes what the list no longer has', () => {
  const held = new Map([
    ['a', 1],
    ['b', 1],
    ['c', 1],
  ]);
  const listed = applyRelist([{ k: 'b' }, { k: 'd' }], (x) => x.k, held.keys(), {
    upsert: (key) => held.set(key, 2),
    remove: (key) => held.delete(key),
  });
  expect([...listed]).toEqual(['b', 'd']);
  expect([...held]).toEqual([
    ['b', 2],
    ['d', 2],
  ]);
});
