import murmurhash from 'murmurhash';
import { isFeatureEnabled, type FeatureFlag } from '../src/evaluator/index.js';
import { alternate, figure, type BenchContext, type BenchFigure } from './harness.js';

/**
 * `isFeatureEnabled` throughput against a bare `murmurhash.v3` call on the same inputs (the
 * `<key>:<unitId>` strings the evaluator hashes). Target: at least 0.66x the bare throughput.
 */
export async function benchEvaluator(context: BenchContext): Promise<BenchFigure[]> {
  const units = context.smoke ? 2_000 : 200_000;
  const repetitions = context.smoke ? 3 : 15;
  const flag: FeatureFlag = { key: 'new_payment_processor', enabled: true, rolloutPercentage: 37, killSwitch: false };
  const contexts = Array.from({ length: units }, (_, i) => ({ userId: `user-${i}-${(i * 7919) % 10007}` }));
  let sink = 0;
  const bare = () => {
    for (const unit of contexts) sink += murmurhash.v3(`${flag.key}:${unit.userId}`, 0) % 100;
  };
  const evaluated = () => {
    for (const unit of contexts) if (isFeatureEnabled(flag, unit)) sink += 1;
  };
  // Warm both paths up before measuring, so the JIT has compiled each.
  bare();
  evaluated();
  const times = await alternate(repetitions, bare, evaluated);
  context.log(`evaluator: checksum ${sink}`);
  const toOpsPerSecond = (ms: number) => (units / ms) * 1000;
  return [
    figure({
      suite: 'evaluator',
      name: 'isFeatureEnabled throughput',
      baseline: 'bare murmurhash.v3 on the same inputs',
      baselineValue: toOpsPerSecond(times.baseline),
      candidateValue: toOpsPerSecond(times.candidate),
      unit: 'ops/s',
      target: '>= 0.66x',
      check: (ratio) => ratio >= 0.66,
      repetitions,
      notes: `${units} evaluations per run`,
    }),
  ];
}
