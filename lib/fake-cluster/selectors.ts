/** Label and field selectors with the API server's syntax and error messages. */
import { errors } from './api-error';

export type Requirement =
  { key: string; op: 'exists' | 'notexists' } | { key: string; op: 'in' | 'notin'; values: string[] } | { key: string; op: 'eq' | 'neq'; value: string };

export type Selector = Requirement[];

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((t) => t.trim()).filter((t) => t.length > 0);
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(key: string, raw: string): string {
  if (!KEY.test(key) || key.length > 316) throw errors.badRequest(`unable to parse requirement: invalid label key "${key}" in "${raw}"`);
  return key;
}

function checkValue(value: string, raw: string): string {
  if (!VALUE.test(value) || value.length > 63) throw errors.badRequest(`unable to parse requirement: invalid label value: "${value}" in "${raw}"`);
  return value;
}

export function parseLabelSelector(text: string | null | undefined): Selector {
  if (!text) return [];
  return splitTerms(text).map((term) => {
    let m = /^!\s*(\S+)$/.exec(term);
    if (m) return { key: checkKey(m[1]!, term), op: 'notexists' };
    m = /^(\S+?)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (m) {
      const values = m[3]!.split(',').map((v) => checkValue(v.trim(), term));
      return { key: checkKey(m[1]!, term), op: m[2] as 'in' | 'notin', values };
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) return { key: checkKey(m[1]!, term), op: m[2] === '!=' ? 'neq' : 'eq', value: checkValue(m[3]!, term) };
    m = /^(\S+)$/.exec(term);
    if (m) return { key: checkKey(m[1]!, term), op: 'exists' };
    throw errors.badRequest(`unable to parse requirement: found '${term}', expected: identifier`);
  });
}

/** Field selectors only support `=`, `==` and `!=`. */
export function parseFieldSelector(text: string | null | undefined): Selector {
  if (!text) return [];
  return splitTerms(text).map((term) => {
    const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    return { key: m[1]!, op: m[2] === '!=' ? 'neq' : 'eq', value: m[3]!.trim() };
  });
}

export function matches(selector: Selector, lookup: (key: string) => string | undefined): boolean {
  for (const req of selector) {
    const actual = lookup(req.key);
    switch (req.op) {
      case 'exists':
        if (actual === undefined) return false;
        break;
      case 'notexists':
        if (actual !== undefined) return false;
        break;
      case 'eq':
        if ((actual ?? '') !== req.value) return false;
        break;
      case 'neq':
        if ((actual ?? '') === req.value) return false;
        break;
      case 'in':
        if (actual === undefined || !req.values.includes(actual)) return false;
        break;
      case 'notin':
        if (actual !== undefined && req.values.includes(actual)) return false;
        break;
    }
  }
  return true;
}

/** The selectable value of a requirement key, keyed as the selector names it. Exact match only. */
export function unsupportedFields(selector: Selector, supported: (key: string) => boolean): string[] {
  return selector.map((r) => r.key).filter((key) => !supported(key));
}
