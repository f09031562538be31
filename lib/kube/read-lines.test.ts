import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from './raw-client';

function linesOf(chunks: Buffer[]): string[] {
  const body = new PassThrough();
  const out: string[] = [];
  readLines(body, (line) => out.push(line));
  for (const chunk of chunks) body.write(chunk);
  return out;
}

describe('readLines', () => {
  it('splits lines however the chunks fall, multi-byte characters included', () => {
    const text = '{"a":"é€😀"}\n\n{"b":1}\n{"c":"x"}\n';
    const bytes = Buffer.from(text);
    const expected = ['{"a":"é€😀"}', '{"b":1}', '{"c":"x"}'];
    for (let size = 1; size <= bytes.length; size++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(linesOf(chunks)).toEqual(expected);
    }
  });

  it('keeps an unfinished line until its newline comes', () => {
    expect(linesOf([Buffer.from('{"a":1}\n{"b"'), Buffer.from(':2')])).toEqual(['{"a":1}']);
  });
});
