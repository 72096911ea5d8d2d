/**
 * A failing property can be replayed: its report names seed and path (nothing between
 * fast-check and vitest swallows them), and FC_SEED / FC_PATH given back to fast-check
 * (test/setup/fastCheck.ts) bring the same counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replayParameters } from '../setup/fastCheck.ts';

/** A property that fails for about half of its inputs. */
const small = () => fc.property(fc.array(fc.nat(1000)), (values) => values.every((v) => v < 500));

function failureOf(run: () => void): string {
  try {
    run();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the property passed');
}

describe('fast-check failures', () => {
  it('print seed and path, and FC_SEED / FC_PATH replay the same counterexample', () => {
    const report = failureOf(() => fc.assert(small()));
    const printed = /\{ seed: (-?\d+), path: "([\d:]+)", endOnFailure: true \}/.exec(report);
    expect(printed, report).not.toBeNull();
    const counterexample = /Counterexample: (.*)/.exec(report)![1];

    const replay = replayParameters({ FC_SEED: printed![1], FC_PATH: printed![2] });
    expect(replay).toEqual({ seed: Number(printed![1]), path: printed![2] });
    const again = fc.check(small(), replay);
    expect(again.failed).toBe(true);
    expect(fc.stringify(again.counterexample)).toBe(counterexample);
  });

  it('refuse a bad FC_SEED or FC_PATH, naming it', () => {
    expect(replayParameters({})).toEqual({});
    expect(() => replayParameters({ FC_SEED: 'abc' })).toThrow('FC_SEED must be the whole number a failing property printed as its seed, got "abc"');
    expect(() => replayParameters({ FC_PATH: '1;2' })).toThrow('FC_PATH must be the path a failing property printed (numbers joined by ":"), got "1;2"');
  });
});
