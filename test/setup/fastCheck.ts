/**
 * fast-check in every test file (vitest `setupFiles`). A property that fails throws fast-check's
 * report — `{ seed: …, path: "…", endOnFailure: true }`, the counterexample and its error — which
 * vitest prints whole; nothing in the tests catches it. To replay that one failure:
 *
 *   FC_SEED=<seed> FC_PATH=<path> npx vitest run <file> -t '<test name>'
 *
 * A property that fixes its own seed (`{ seed: 42 }`) keeps it: its run is the same every time,
 * FC_PATH alone replays its counterexample.
 */
import fc from 'fast-check';

/** FC_SEED and FC_PATH as fast-check's global parameters; a bad value is refused, naming it. */
export function replayParameters(env: NodeJS.ProcessEnv): { seed?: number; path?: string } {
  const parameters: { seed?: number; path?: string } = {};
  const seed = env.FC_SEED?.trim();
  if (seed) {
    if (!/^-?\d+$/.test(seed) || !Number.isSafeInteger(Number(seed))) throw new Error(`FC_SEED must be the whole number a failing property printed as its seed, got ${JSON.stringify(env.FC_SEED)}`);
    parameters.seed = Number(seed);
  }
  const path = env.FC_PATH?.trim();
  if (path) {
    if (!/^\d+(:\d+)*$/.test(path)) throw new Error(`FC_PATH must be the path a failing property printed (numbers joined by ":"), got ${JSON.stringify(env.FC_PATH)}`);
    parameters.path = path;
  }
  return parameters;
}

fc.configureGlobal({ ...fc.readConfigureGlobal(), ...replayParameters(process.env) });
