import { describe, expect, it } from 'vitest';
import { foldMessage, initialStreamState } from '../stream/fold';
import { decodeMessage } from '../stream/protocol';
import type { RunView } from './view';

const view = (id: string, status: RunView['status']) => ({ id, status }) as RunView;

describe('run events on the live stream', () => {
  it('are decoded and folded: the latest view of each run, newest first', () => {
    let state = initialStreamState();
    for (const v of [view('a', 'running'), view('b', 'running'), view('a', 'passed')]) {
      state = foldMessage(state, decodeMessage('run', JSON.stringify(v))!);
    }
    expect(state.runs.map((r) => [r.id, r.status])).toEqual([
      ['a', 'passed'],
      ['b', 'running'],
    ]);
  });
});
