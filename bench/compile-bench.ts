import { checksum, type AppliedBundle } from '../engine/src/bundles/bundle-store.ts';
import type { Bundle } from '../engine/src/bundles/bundle-types.ts';
import { formatIssue, validateBundle } from '../engine/src/bundles/validate-bundle.ts';
import { compileRegistry } from '../engine/src/registry/compile-registry.ts';
import { computePlan } from '../engine/src/schema/plan-bundle.ts';
import { median } from './load.ts';
import { changedBundle, syntheticBundle } from './synthetic-bundle.ts';

export interface CompileFigures {
  entities: number;
  fieldsPerEntity: number;
  runs: number;
  /** Medians over `runs`, in ms; the first (cold) run is reported apart, in `cold`. */
  validateMs: number;
  compileMs: number;
  /** validateBundle + compileRegistry, measured together per run. */
  validateAndCompileMs: number;
  /** Forcing every entity's AJV validator (compiled lazily on first write otherwise). */
  allValidatorsMs: number;
  /** computePlan(changed, applied). */
  planMs: number;
  planSteps: number;
  /** The first (cold) run of each, in ms: what a fresh process pays. */
  cold: { validateMs: number; compileMs: number; allValidatorsMs: number; planMs: number };
  samples: { validateAndCompileMs: number[]; allValidatorsMs: number[]; planMs: number[] };
  /** Share of the machine used by other processes meanwhile (0..1), filled by run.ts. */
  otherCpu: number;
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

function valid(raw: ReturnType<typeof syntheticBundle>): Bundle {
  const r = validateBundle(raw);
  if (!r.ok) {
    throw new Error(`The synthetic bundle is invalid:\n${r.issues.slice(0, 10).map(formatIssue).join('\n')}`);
  }
  return r.bundle;
}

export function runCompileBench(entities: number, fields: number, runs: number): CompileFigures {
  const raw = syntheticBundle(entities, fields);
  const rawChanged = changedBundle(raw);

  // Cold: the first call in this process (AJV schemas of the language compile, JIT is cold).
  const [bundle, coldValidate] = time(() => valid(raw));
  const [coldRegistry, coldCompile] = time(() => compileRegistry([bundle]));
  const [, coldValidators] = time(() => {
    for (const e of coldRegistry.entities.values()) e.validator();
  });
  const changed = valid(rawChanged);
  const applied: AppliedBundle = {
    bundle,
    version: bundle.manifest.version,
    checksum: checksum(bundle),
    status: 'active',
    appliedAt: new Date().toISOString(),
    appliedBy: null,
  };
  const [coldPlan, coldPlanMs] = time(() => computePlan(changed, applied));
  const expected = Math.min(10, entities) + 2; // 10 add_column, 1 alter_type integer → decimal, 1 widening
  if (coldPlan.steps.length < expected) {
    throw new Error(`The change plan has ${coldPlan.steps.length} steps, expected at least ${expected}`);
  }

  const validate: number[] = [];
  const compile: number[] = [];
  const both: number[] = [];
  const validators: number[] = [];
  const plan: number[] = [];
  // Each stage in a loop of its own, so one stage's garbage is less likely collected in another's time.
  for (let r = 0; r < runs; r++) {
    const [b, v] = time(() => valid(raw));
    const [, c] = time(() => compileRegistry([b]));
    validate.push(v);
    compile.push(c);
    both.push(v + c);
  }
  for (let r = 0; r < runs; r++) {
    const registry = compileRegistry([bundle]);
    validators.push(
      time(() => {
        for (const e of registry.entities.values()) e.validator();
      })[1],
    );
  }
  for (let r = 0; r < runs; r++) plan.push(time(() => computePlan(changed, applied))[1]);
  return {
    entities,
    fieldsPerEntity: fields,
    runs,
    validateMs: median(validate),
    compileMs: median(compile),
    validateAndCompileMs: median(both),
    allValidatorsMs: median(validators),
    planMs: median(plan),
    planSteps: coldPlan.steps.length,
    cold: { validateMs: coldValidate, compileMs: coldCompile, allValidatorsMs: coldValidators, planMs: coldPlanMs },
    samples: { validateAndCompileMs: both, allValidatorsMs: validators, planMs: plan },
    otherCpu: NaN,
  };
}
