import 'server-only';
/** What the runs routes share: id and body checks as 4xx, and the comparison answer. */
import { z } from 'zod';
import { ApiError as HttpError } from '../fleet/api-error';
import { compareMetrics, settingsDiff, type ComparedRun, type MetricRow } from './compare';
import type { RunManager } from './manager';
import type { RunReport } from './report';
import { ScenarioError, validateScenario, type Scenario } from './scenario';
import { RUN_ID } from './store';

export const MAX_COMPARED = 6;

export function requireRunId(value: string, field = 'id'): string {
  if (!RUN_ID.test(value)) throw new HttpError(400, 'invalid_id', `${field} is not a run id (like 20261201-153012-a1b2)`, field);
  return value;
}

export function scenarioOf(body: unknown): Scenario {
  try {
    return validateScenario(body);
  } catch (error) {
    if (error instanceof ScenarioError) throw new HttpError(400, 'invalid_scenario', error.message, error.field);
    throw error;
  }
}

export const CancelSchema = z.object({ cleanup: z.boolean().optional() }).strict();

export async function reportOr404(manager: RunManager, id: string): Promise<RunReport> {
  const report = await manager.report(requireRunId(id));
  if (!report) throw new HttpError(404, 'not_found', `no run ${id}`, 'id');
  return report;
}

export interface Comparison {
  runs: Pick<RunReport, 'id' | 'name' | 'status' | 'startedAt' | 'durationSeconds' | 'settings' | 'bottleneck'>[];
  curves: { id: string; phase: string; curve: [number, number][] }[];
  metrics: MetricRow[];
  settings: { key: string; values: string[] }[];
}

export async function compareByIds(manager: RunManager, idsParam: string | null): Promise<Comparison> {
  const ids = (idsParam ?? '').split(',').filter(Boolean);
  if (ids.length < 2 || ids.length > MAX_COMPARED)
    throw new HttpError(400, 'invalid_ids', `ids: give 2 to ${MAX_COMPARED} run ids, separated by commas`, 'ids');
  ids.forEach((id) => requireRunId(id, 'ids'));
  const reports = await Promise.all(ids.map((id) => manager.report(id)));
  const missing = ids.filter((_, i) => !reports[i]);
  if (missing.length) throw new HttpError(404, 'not_found', `no run ${missing.join(', ')}`, 'ids');
  const runs = reports as RunReport[];
  const compared: ComparedRun[] = runs.map((r) => ({ id: r.id, name: r.name, phases: r.phases, settings: { ...r.settings, scenario: r.scenario.name } }));
  return {
    runs: runs.map(({ id, name, status, startedAt, durationSeconds, settings, bottleneck }) => ({
      id,
      name,
      status,
      startedAt,
      durationSeconds,
      settings,
      bottleneck: { ...bottleneck, rates: [] },
    })),
    curves: runs.flatMap((r) => r.phases.map((p) => ({ id: r.id, phase: p.name, curve: p.curve }))),
    metrics: compareMetrics(compared),
    settings: settingsDiff(compared),
  };
}
