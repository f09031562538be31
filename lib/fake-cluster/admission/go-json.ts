/**
 * Go's encoding/json as BMO's webhook uses it on annotation values: the scanner's syntax errors
 * (src/encoding/json/scanner.go), and decoding into a struct with DisallowUnknownFields (unknown
 * keys, type mismatches), the struct described by its CRD schema (the CRD is generated from the
 * same Go types, with the same JSON names). Pure.
 */
import type { Schema } from '../schema';

/** Go's quoteChar (scanner.go): `'x'`, with Go's escapes for the odd ones. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const quoted = JSON.stringify(c);
  return `'${quoted.slice(1, -1)}'`;
}

type Mode = 'unmarshal' | 'decoder';

class SyntaxFault extends Error {}

export type GoJsonScan = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads one JSON value as Go does, with Go's error text. `unmarshal` is json.Unmarshal (trailing
 * data is an error, a cut-off value is "unexpected end of JSON input"); `decoder` is
 * Decoder.Decode (it reads the first value only: "EOF" / "unexpected EOF").
 */
export function scanGoJson(text: string, mode: Mode): GoJsonScan {
  const scanner = new Scanner(text, mode);
  try {
    scanner.ws();
    if (mode === 'decoder' && scanner.i >= text.length) return { ok: false, error: 'EOF' };
    scanner.value();
    const end = scanner.i;
    scanner.ws();
    if (mode === 'unmarshal' && scanner.i < text.length) throw scanner.bad('after top-level value');
    return { ok: true, value: JSON.parse(text.slice(0, end)) as unknown };
  } catch (error) {
    if (error instanceof SyntaxFault) return { ok: false, error: error.message };
    throw error;
  }
}

/** src/encoding/json/scanner.go's states, as a recursive descent with the same messages. */
class Scanner {
  i = 0;
  constructor(
    private readonly text: string,
    private readonly mode: Mode,
  ) {}

  eof(): SyntaxFault {
    return new SyntaxFault(this.mode === 'unmarshal' ? 'unexpected end of JSON input' : 'unexpected EOF');
  }

  bad(what: string): SyntaxFault {
    return new SyntaxFault(`invalid character ${quoteChar(this.text[this.i]!)} ${what}`);
  }

  ws(): void {
    while (this.i < this.text.length && ' \t\r\n'.includes(this.text[this.i]!)) this.i++;
  }

  /** The next character, or the EOF error. */
  peek(): string {
    if (this.i >= this.text.length) throw this.eof();
    return this.text[this.i]!;
  }

  value(): void {
    this.ws();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || /[0-9]/.test(c)) return this.number();
    if (c === 't') return this.literal('true');
    if (c === 'f') return this.literal('false');
    if (c === 'n') return this.literal('null');
    throw this.bad('looking for beginning of value');
  }

  literal(word: string): void {
    for (let k = 1; k < word.length; k++) {
      this.i++;
      if (this.peek() !== word[k]) throw this.bad(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    this.i++;
  }

  digits(what: string): void {
    if (!/[0-9]/.test(this.peek())) throw this.bad(what);
    while (this.i < this.text.length && /[0-9]/.test(this.text[this.i]!)) this.i++;
  }

  number(): void {
    if (this.text[this.i] === '-') {
      this.i++;
      if (!/[0-9]/.test(this.peek())) throw this.bad('in numeric literal');
    }
    if (this.text[this.i] === '0') this.i++;
    else this.digits('in numeric literal');
    if (this.text[this.i] === '.') {
      this.i++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.text[this.i] === 'e' || this.text[this.i] === 'E') {
      this.i++;
      if (this.text[this.i] === '+' || this.text[this.i] === '-') this.i++;
      this.digits('in exponent of numeric literal');
    }
  }

  string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === '"') return void this.i++;
      if (c < ' ') throw this.bad('in string literal');
      if (c === '\\') {
        this.i++;
        if (this.peek() === 'u') {
          for (let k = 0; k < 4; k++) {
            this.i++;
            if (!/[0-9a-fA-F]/.test(this.peek())) throw this.bad('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(this.peek())) throw this.bad('in string escape code');
      }
      this.i++;
    }
  }

  object(): void {
    this.i++;
    this.ws();
    if (this.peek() === '}') return void this.i++;
    for (;;) {
      this.ws();
      if (this.peek() !== '"') throw this.bad('looking for beginning of object key string');
      this.string();
      this.ws();
      if (this.peek() !== ':') throw this.bad('after object key');
      this.i++;
      this.value();
      this.ws();
      if (this.peek() === '}') return void this.i++;
      if (this.peek() !== ',') throw this.bad('after object key:value pair');
      this.i++;
    }
  }

  array(): void {
    this.i++;
    this.ws();
    if (this.peek() === ']') return void this.i++;
    for (;;) {
      this.value();
      this.ws();
      if (this.peek() === ']') return void this.i++;
      if (this.peek() !== ',') throw this.bad('after array element');
      this.i++;
    }
  }
}

/** The JSON type name Go reports in an UnmarshalTypeError. */
function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}

const goTypeOf = (schema: Schema): string =>
  schema.type === 'integer'
    ? 'int'
    : schema.type === 'number'
      ? 'float64'
      : schema.type === 'boolean'
        ? 'bool'
        : schema.type === 'array'
          ? 'slice'
          : schema.type === 'object'
            ? 'struct'
            : 'string';

interface DecodeContext {
  /** The Go type name of the target struct (`BareMetalHostStatus`). */
  root: string;
  /** Decoder.DisallowUnknownFields. */
  strict: boolean;
}

/**
 * The first error Go's decoder records when decoding `value` into the struct `schema` describes:
 * keys match case-insensitively as in encoding/json, type mismatches are reported (with the
 * JSON field path; Go's named types such as v1alpha1.RebootMode are shown by their kind), nulls
 * are accepted, and with `strict` unknown keys are refused.
 */
export function goDecodeError(schema: Schema, value: unknown, root: string, strict: boolean): string | undefined {
  return decode(schema, value, { root, strict }, []);
}

function decode(schema: Schema, value: unknown, ctx: DecodeContext, path: string[]): string | undefined {
  if (value === null || schema['x-kubernetes-preserve-unknown-fields']) return undefined;
  const mismatch = () =>
    path.length === 0
      ? `json: cannot unmarshal ${jsonKind(value)} into Go value of type v1alpha1.${ctx.root}`
      : `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${[ctx.root, ...path].join('.')} of type ${goTypeOf(schema)}`;
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return mismatch();
      if (schema.format === 'date-time' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
        // metav1.Time.UnmarshalJSON returns time.Parse's error as is.
        return `parsing time ${JSON.stringify(value)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(value)} as "2006"`;
      }
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : mismatch();
    case 'integer':
      if (typeof value !== 'number') return mismatch();
      return Number.isInteger(value) ? undefined : `json: cannot unmarshal number ${value} into Go struct field ${[ctx.root, ...path].join('.')} of type int`;
    case 'number':
      return typeof value === 'number' ? undefined : mismatch();
    case 'array':
      if (!Array.isArray(value)) return mismatch();
      for (const item of value) {
        const problem = schema.items ? decode(schema.items, item, ctx, path) : undefined;
        if (problem) return problem;
      }
      return undefined;
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) return mismatch();
      return decodeObject(schema, value as Record<string, unknown>, ctx, path);
    default:
      return undefined;
  }
}

function decodeObject(schema: Schema, value: Record<string, unknown>, ctx: DecodeContext, path: string[]): string | undefined {
  if (!schema.properties) {
    // A map: every value decodes into the element type.
    for (const [key, item] of Object.entries(value)) {
      const problem = schema.additionalProperties ? decode(schema.additionalProperties, item, ctx, [...path, key]) : undefined;
      if (problem) return problem;
    }
    return undefined;
  }
  const names = Object.keys(schema.properties);
  for (const [key, item] of Object.entries(value)) {
    const name = names.includes(key) ? key : names.find((n) => n.toLowerCase() === key.toLowerCase());
    if (name === undefined) {
      if (ctx.strict) return `json: unknown field ${JSON.stringify(key)}`;
      continue;
    }
    const problem = decode(schema.properties[name]!, item, ctx, [...path, name]);
    if (problem) return problem;
  }
  return undefined;
}
