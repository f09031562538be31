import { AppHeader } from '@/components/fleet/app-header';
import { RunsLauncher } from '@/components/runs/runs-launcher';
import { RunsList } from '@/components/runs/runs-list';
import { Card, CardTitle } from '@/components/ui/card';
import { loadPresets } from '@/lib/runs/presets';

export const dynamic = 'force-dynamic';

/** Scale-test runs: start one from a preset or a scenario, list the runs, pick some to compare. */
export default function RunsPage() {
  const readonly = process.env.FLEET_READONLY === '1' || process.env.FLEET_READONLY === 'true';
  return (
    <>
      <AppHeader />
      <main className="mx-auto flex max-w-[110rem] flex-col gap-4 p-4">
        <Card aria-label="Start a run">
          <CardTitle>Start a scale-test run</CardTitle>
          <RunsLauncher presets={loadPresets()} readonly={readonly} />
        </Card>
        <Card aria-label="Runs">
          <CardTitle>Runs</CardTitle>
          <RunsList />
        </Card>
      </main>
    </>
  );
}
