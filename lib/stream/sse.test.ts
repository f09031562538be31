import { expect, it } from 'vitest';
import { formatSse, parseSseBlock, readSse } from './sse';

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

it('reads back what it writes: several data lines, comments, the size on the wire', () => {
  const text = formatSse({ id: 7, event: 'job', data: 'a\nb' });
  expect(parseSseBlock(text.slice(0, -2))).toEqual({ id: '7', event: 'job', data: 'a\nb', bytes: text.length });
  expect(parseSseBlock(': heartbeat').data).toBeUndefined();
});

it('splits a byte stream into messages whatever the chunk boundaries', async () => {
  const text =
    formatSse({ comment: 'hello', retry: 2000 }) +
    formatSse({ id: 1, event: 'snapshot', data: '{"seq":1}' }) +
    formatSse({ id: 2, event: 'delta', data: '{"seq":2}' });
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
      controller.close();
    },
  });
  const received = [];
  for await (const batch of readSse(stream.getReader())) received.push(...batch);
  expect(received.filter((m) => m.data !== undefined).map((m) => [m.id, m.event, m.data])).toEqual([
    ['1', 'snapshot', '{"seq":1}'],
    ['2', 'delta', '{"seq":2}'],
  ]);
});
