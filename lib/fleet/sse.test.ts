import { expect, it } from 'vitest';
import { formatSse } from './sse';

it('formats events byte for byte', () => {
  expect(formatSse({ id: 42, event: 'delta', data: '{"a":1}' })).toBe('id: 42\nevent: delta\ndata: {"a":1}\n\n');
  expect(formatSse({ data: 'line1\nline2' })).toBe('data: line1\ndata: line2\n\n');
  expect(formatSse({ comment: 'heartbeat' })).toBe(': heartbeat\n\n');
  expect(formatSse({ retry: 2000, comment: 'hello' })).toBe(': hello\nretry: 2000\n\n');
});

it('refuses line breaks in fields that cannot carry them', () => {
  expect(() => formatSse({ event: 'a\nb' })).toThrow();
  expect(() => formatSse({ id: '1\r2' })).toThrow();
});
