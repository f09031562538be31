/**
 * The server-sent events wire format (WHATWG HTML §9.2): writing one message, and reading a
 * byte stream back into messages (for the clients that are not a browser's EventSource: the
 * bench and the tests). Fleetscope's server ends lines with `\n` only.
 */

export interface SseMessage {
  event?: string;
  id?: string | number;
  data?: string;
  retry?: number;
  /** A comment line (`: text`), e.g. a heartbeat. */
  comment?: string;
}

function checkField(name: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new Error(`SSE ${name} must not contain a line break`);
  return value;
}

export function formatSse(message: SseMessage): string {
  let out = '';
  if (message.comment !== undefined) out += `: ${checkField('comment', message.comment)}\n`;
  if (message.retry !== undefined) out += `retry: ${Math.max(0, Math.floor(message.retry))}\n`;
  if (message.id !== undefined) out += `id: ${checkField('id', String(message.id))}\n`;
  if (message.event !== undefined) out += `event: ${checkField('event', message.event)}\n`;
  if (message.data === undefined) return `${out}\n`;
  // One line (JSON always is): no split, so a 13 MB snapshot is not scanned by a regex and copied per line.
  if (message.data.indexOf('\n') < 0 && message.data.indexOf('\r') < 0) return `${out}data: ${message.data}\n\n`;
  for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** One received message: its fields, and its size on the wire (with the blank line that ends it). */
export interface ReceivedSse {
  event?: string;
  id?: string;
  /** The data lines joined with `\n`; undefined when the block had none (a comment, a `retry`). */
  data?: string;
  bytes: number;
}

/** Reads one block (the text between two blank lines). */
export function parseSseBlock(block: string): ReceivedSse {
  const out: ReceivedSse = { bytes: block.length + 2 };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
    if (field === 'event') out.event = value;
    else if (field === 'id') out.id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length) out.data = data.join('\n');
  return out;
}

/**
 * Reads a stream of SSE bytes; yields, per chunk read, the messages it completed. (Per chunk,
 * not per message, so that a reader that pauses between reads pauses as a slow client would.)
 */
export async function* readSse(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<ReceivedSse[]> {
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop()!;
    yield blocks.map(parseSseBlock);
  }
}
