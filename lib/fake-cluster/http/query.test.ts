/**
 * Query parameters as kube-apiserver reads them (k8s.io/apimachinery/pkg/runtime/conversion.go
 * for decoding, meta/internalversion/validation for ListOptions), then over HTTPS: the values
 * other official clients send, and a watch with a timeout of days.
 */
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../api-error';
import { eventually, startTestCluster, type TestCluster } from '../../testing/cluster';
import { secrets } from '../resources';
import { checkDeleteOptions, goQueryBool, goQueryInt, listOptions, writeQuery } from './query';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as ApiError;
  }
  throw new Error('expected a refusal');
};

describe('conversion.go decoding', () => {
  it.each([
    [null, false],
    ['0', false],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    ['fAlSe', false],
    ['true', true],
    ['True', true],
    ['1', true],
    ['t', true],
    ['yes', true],
    ['', true],
  ])('Convert_Slice_string_To_bool(%j) is %s', (value, expected) => {
    expect(goQueryBool(value)).toBe(expected);
  });

  it.each([
    ['42', 42],
    ['+7', 7],
    ['-3', -3],
    ['0042', 42],
    ['9223372036854775807', 9223372036854775807],
  ])('Convert_Slice_string_To_int64(%j) is %d', (value, expected) => {
    expect(goQueryInt(value)).toBe(expected);
  });

  it.each([
    ['1e3', 'strconv.ParseInt: parsing "1e3": invalid syntax'],
    [' 5', 'strconv.ParseInt: parsing " 5": invalid syntax'],
    ['', 'strconv.ParseInt: parsing "": invalid syntax'],
    ['9223372036854775808', 'strconv.ParseInt: parsing "9223372036854775808": value out of range'],
  ])('refuses %j with 400 %s', (value, message) => {
    const error = refusal(() => goQueryInt(value));
    expect([error.code, error.message]).toEqual([400, message]);
  });
});

describe('ListOptions validation (meta/internalversion/validation)', () => {
  const q = (s: string) => new URLSearchParams(s);

  it('reads what the Python client sends: watch=True&allowWatchBookmarks=True', () => {
    expect(listOptions(q('watch=True&allowWatchBookmarks=True&timeoutSeconds=3600'))).toMatchObject({
      watch: true,
      allowWatchBookmarks: true,
      timeoutSeconds: 3600,
    });
  });

  it('treats a limit of zero or less as none, as the storage does', () => {
    expect(listOptions(q('limit=-1')).limit).toBeUndefined();
    expect(listOptions(q('limit=0')).limit).toBeUndefined();
  });

  it.each([
    [
      'resourceVersionMatch=NotOlderThan',
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    ],
    [
      'resourceVersion=5&resourceVersionMatch=Newest',
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Unsupported value: "Newest": supported values: "Exact", "NotOlderThan", ""',
    ],
    [
      'resourceVersion=0&resourceVersionMatch=Exact',
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    ],
    ['sendInitialEvents=true', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list'],
    [
      'watch=1&sendInitialEvents=true',
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    ],
  ])('refuses %s with 422', (query, message) => {
    const error = refusal(() => listOptions(q(query)));
    expect([error.code, error.message]).toEqual([422, message]);
  });

  it('accepts a watch-list request (sendInitialEvents with NotOlderThan)', () => {
    expect(listOptions(q('watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan'))).toMatchObject({ watch: true, sendInitialEvents: true });
  });

  it('defaults fieldValidation to Warn and refuses dryRun other than All', () => {
    expect(writeQuery(q('fieldManager=kubectl-client-side-apply'), 'CreateOptions')).toEqual({
      dryRun: false,
      fieldManager: 'kubectl-client-side-apply',
      fieldValidation: 'Warn',
    });
    expect(refusal(() => writeQuery(q('dryRun=Some'), 'CreateOptions')).message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: "Some": supported values: "All"',
    );
    expect(refusal(() => writeQuery(q(''), 'PatchOptions', true)).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
  });
});

describe('DeleteOptions validation (api/validation ValidateDeleteOptions)', () => {
  it('accepts the three propagation policies and refuses others, or one with orphanDependents', () => {
    for (const policy of ['Orphan', 'Background', 'Foreground'])
      expect(() => checkDeleteOptions(new URLSearchParams(`propagationPolicy=${policy}`), {})).not.toThrow();
    expect(refusal(() => checkDeleteOptions(new URLSearchParams(), { propagationPolicy: 'Later' })).message).toBe(
      'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "Later": supported values: "Background", "Foreground", "Orphan"',
    );
    expect(refusal(() => checkDeleteOptions(new URLSearchParams('propagationPolicy=Orphan&orphanDependents=true'), {})).code).toBe(422);
  });
});

describe('over HTTPS', () => {
  let cluster: TestCluster;
  let agent: Agent;
  beforeAll(async () => {
    cluster = await startTestCluster({ log: () => {} });
    agent = new Agent({ connect: { ca: cluster.caPem } });
  });
  afterAll(async () => {
    await agent?.close();
    await cluster?.stop();
  });

  it('keeps a watch with timeoutSeconds of days open (Node fires longer timers at once)', async () => {
    const controller = new AbortController();
    const res = await request(`${cluster.url}/api/v1/namespaces/metal3/secrets?watch=True&timeoutSeconds=3000000`, {
      dispatcher: agent,
      headers: { authorization: `Bearer ${cluster.token}` },
      signal: controller.signal,
    });
    expect(res.statusCode).toBe(200);
    let ended = false;
    let text = '';
    res.body.on('data', (chunk: Buffer) => (text += chunk.toString()));
    res.body.on('end', () => (ended = true));
    res.body.on('error', () => {});
    // A Secret written after the watch began must arrive on it, and the watch must still be open.
    cluster.store.create(secrets, { metadata: { name: 'later' }, stringData: { a: 'b' } }, 'metal3');
    await eventually(() => text.includes('"name":"later"') || ended, 10_000, 'the event or the end of the watch');
    expect(ended).toBe(false);
    expect(text).toContain('"name":"later"');
    controller.abort();
  });
});
