/** The server-sent events wire format (WHATWG HTML §9.2), as one small tested function. */

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
  if (message.data !== undefined) for (const line of message.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}
