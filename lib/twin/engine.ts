/**
 * The pure core of the twin: which stage a host is in, how long until it acts, and what it
 * writes when it does. Time and randomness come in as arguments.
 */
import { errorBackoff, pickDelay } from './profiles';
import type { TwinSettings } from './settings';
import { failureSteps, matchStage, STAGES, type Stage, type Step } from './stages';
import type { SharedFixture } from './stage';
import { statusOf, type TwinHost, type World } from './host';

export interface Plan {
  stage: Stage;
  delayMs: number;
  /** With the shared fixture: its state once this stage's operation has started. */
  fixture?: SharedFixture;
}

export function planFor(
  host: TwinHost,
  world: World,
  settings: TwinSettings,
  random: () => number,
  shared?: SharedFixture,
  stages: readonly Stage[] = STAGES,
): Plan | undefined {
  const stage = matchStage(host, world, stages);
  if (!stage) return undefined;
  let delayMs = 0;
  if (stage.delay === 'backoff') delayMs = errorBackoff(statusOf(host).errorCount ?? 1, settings.errorBackoffUnitMs, random);
  else if (stage.delay !== 'none') delayMs = pickDelay(settings.timings[stage.delay], random);
  if (settings.sharedFixture && shared && stage.shared) {
    // BMO's single fixture: the stage says whether this host waits, given the global state.
    const { wait, next } = stage.shared(shared, host);
    return { stage, delayMs: wait ? delayMs : 0, fixture: next };
  }
  return { stage, delayMs };
}

/** The steps of a stage that fires now: its own, or its failure's when the dice say so. */
export function stepsFor(stage: Stage, host: TwinHost, world: World, settings: TwinSettings, now: string, random: () => number): Step[] {
  if (stage.failure && random() < (settings.failureRates[stage.failure.key] ?? 0)) {
    return failureSteps(host, stage.failure, now);
  }
  const steps = stage.act(host, { now, world });
  return settings.events ? steps : steps.filter((s) => s.kind !== 'event');
}
