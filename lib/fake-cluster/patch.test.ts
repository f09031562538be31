import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { jsonPatch, mergePatch, patchTypeOf, strategicMergePatch } from './patch';

describe('JSON merge patch (RFC 7386)', () => {
  const cases: [string, unknown, unknown, unknown][] = [
    ['replaces a value', { a: 'b' }, { a: 'c' }, { a: 'c' }],
    ['adds a value', { a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    ['removes with null', { a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    ['replaces arrays whole', { a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    ['merges nested objects', { a: { b: 'c', d: 'e' } }, { a: { b: 'x' } }, { a: { b: 'x', d: 'e' } }],
    ['replaces a non-object target', { a: 'foo' }, { a: { b: 'c' } }, { a: { b: 'c' } }],
    ['replaces the whole document with a non-object', { a: 'foo' }, ['c'], ['c']],
  ];
  it.each(cases)('%s', (_n, target, patch, result) => expect(mergePatch(target, patch)).toEqual(result));

  it('keeps unchanged subtrees by identity', () => {
    const target = { spec: { online: true }, status: { hardware: { cpu: {} } } };
    const out = mergePatch(target, { spec: { online: false } }) as typeof target;
    expect(out.status).toBe(target.status);
    expect(target.spec.online).toBe(true);
  });
});

describe('JSON patch (RFC 6902)', () => {
  const doc = { spec: { online: true, list: ['a', 'b'] } };
  it('applies add, replace, remove, move, copy and test', () => {
    expect(
      jsonPatch(doc, [
        { op: 'replace', path: '/spec/online', value: false },
        { op: 'add', path: '/spec/list/1', value: 'x' },
        { op: 'add', path: '/spec/list/-', value: 'z' },
        { op: 'remove', path: '/spec/list/0' },
        { op: 'copy', from: '/spec/online', path: '/spec/copied' },
        { op: 'move', from: '/spec/copied', path: '/spec/moved' },
        { op: 'test', path: '/spec/moved', value: false },
      ]),
    ).toEqual({ spec: { online: false, list: ['x', 'b', 'z'], moved: false } });
    expect(doc.spec.online).toBe(true);
  });
  it('unescapes ~1 and ~0 in pointers', () => {
    expect(jsonPatch({ metadata: { annotations: { 'a/b~c': '1' } } }, [{ op: 'remove', path: '/metadata/annotations/a~1b~0c' }])).toEqual({
      metadata: { annotations: {} },
    });
  });
  it.each([
    ['a missing path', [{ op: 'remove', path: '/nope/x' }]],
    ['a failed test', [{ op: 'test', path: '/spec/online', value: false }]],
    ['an unknown op', [{ op: 'frobnicate', path: '/spec' }]],
    ['a body that is not a list', { op: 'add' }],
    ['an index past the end', [{ op: 'add', path: '/spec/list/9', value: 1 }]],
  ])('refuses %s', (_n, ops) => expect(() => jsonPatch(doc, ops)).toThrow(ApiError));
});

describe('strategic merge patch', () => {
  it('merges like a merge patch and understands the directives kubectl sends', () => {
    const live = { metadata: { finalizers: ['a'], ownerReferences: [{ uid: '1', name: 'x' }], labels: { k: 'v' } }, data: { u: 'x', p: 'y' } };
    const out = strategicMergePatch(live, {
      $setElementOrder: undefined,
      metadata: { finalizers: ['b'], ownerReferences: [{ uid: '2', name: 'y' }], labels: { k: null } },
      data: { p: 'z' },
      '$setElementOrder/data': ['u', 'p'],
    });
    expect(out).toEqual({
      metadata: {
        finalizers: ['a', 'b'],
        ownerReferences: [
          { uid: '1', name: 'x' },
          { uid: '2', name: 'y' },
        ],
        labels: {},
      },
      data: { u: 'x', p: 'z' },
    });
  });
  it('deletes from primitive lists and keyed lists', () => {
    const live = { metadata: { finalizers: ['a', 'b'], ownerReferences: [{ uid: '1' }, { uid: '2' }] } };
    expect(
      strategicMergePatch(live, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'], ownerReferences: [{ uid: '1', $patch: 'delete' }] } }),
    ).toEqual({
      metadata: { finalizers: ['b'], ownerReferences: [{ uid: '2' }] },
    });
  });
  it('replaces with $patch: replace', () => {
    expect(strategicMergePatch({ data: { a: '1', b: '2' } }, { data: { $patch: 'replace', c: '3' } })).toEqual({ data: { c: '3' } });
  });
});

it('recognises the patch content types', () => {
  expect(patchTypeOf('application/merge-patch+json')).toBe('merge');
  expect(patchTypeOf('application/json-patch+json; charset=utf-8')).toBe('json');
  expect(patchTypeOf('application/strategic-merge-patch+json')).toBe('strategic');
  expect(patchTypeOf('application/apply-patch+yaml')).toBe('apply');
  expect(patchTypeOf('text/plain')).toBeUndefined();
});
