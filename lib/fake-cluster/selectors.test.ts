import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { matches, parseFieldSelector, parseLabelSelector } from './selectors';

const labels = { rack: 'r1', env: 'prod', 'metal3.io/role': 'worker' };
const lookup = (key: string) => (labels as Record<string, string>)[key];

describe('label selectors', () => {
  it.each([
    ['rack=r1', true],
    ['rack==r1', true],
    ['rack!=r1', false],
    ['rack=r2', false],
    ['rack in (r1,r2)', true],
    ['rack notin (r1)', false],
    ['rack', true],
    ['!rack', false],
    ['!missing', true],
    ['missing!=x', true],
    ['rack=r1,env=prod', true],
    ['rack=r1,env in (dev)', false],
    ['metal3.io/role=worker', true],
    ['', true],
  ])('%s → %s', (selector, expected) => expect(matches(parseLabelSelector(selector), lookup)).toBe(expected));

  it.each(['rack=in valid', 'rack in (a b)', 'ra ck=x', '=x'])('refuses %s with 400', (selector) => {
    expect(() => parseLabelSelector(selector)).toThrow(ApiError);
  });
});

describe('field selectors', () => {
  it('supports =, == and !=', () => {
    const fields = { 'metadata.name': 'a', 'metadata.namespace': 'ns' } as Record<string, string>;
    expect(matches(parseFieldSelector('metadata.name=a,metadata.namespace==ns'), (k) => fields[k])).toBe(true);
    expect(matches(parseFieldSelector('metadata.name!=a'), (k) => fields[k])).toBe(false);
  });
  it('refuses set-based syntax', () => expect(() => parseFieldSelector('metadata.name in (a)')).toThrow(ApiError));
});
