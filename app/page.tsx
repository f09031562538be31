import { Suspense } from 'react';
import { LazyFleetCharts } from '@/components/charts/lazy-fleet-charts';
import { AppHeader } from '@/components/fleet/app-header';
import { DisconnectedBanner } from '@/components/fleet/connection-status';
import { CreateHosts } from '@/components/fleet/create-hosts';
import { FleetActions } from '@/components/fleet/fleet-actions';
import { HostTable } from '@/components/fleet/host-table';
import { JobProgress } from '@/components/fleet/job-progress';
import { SimulatorPanel } from '@/components/fleet/simulator-panel';
import { StateTiles } from '@/components/fleet/state-tiles';
import { Card, CardTitle } from '@/components/ui/card';

/**
 * The fleet first: its counts, then its table, in view at 1440×900 so that a tile click filters
 * rows a person can see. The toolbox (scale, jobs, simulator) is a column beside the table on
 * wide screens and comes after it on narrow ones; the charts come last.
 */
export default function FleetPage() {
  return (
    <>
      <AppHeader />
      <DisconnectedBanner />
      <main className="mx-auto flex max-w-[120rem] flex-col gap-3 p-3 sm:p-4">
        <h1 className="sr-only">Fleet overview</h1>
        <Suspense>
          <StateTiles />
        </Suspense>
        <div className="grid gap-3 xl:grid-cols-[minmax(0,1fr)_23rem]">
          <Card aria-labelledby="hosts-title" className="min-w-0 p-3">
            <CardTitle id="hosts-title">Hosts</CardTitle>
            <Suspense>
              <HostTable />
            </Suspense>
          </Card>
          <div className="flex min-w-0 flex-col gap-3" aria-label="Toolbox" role="region">
            <Card aria-labelledby="scale-title" className="p-3">
              <CardTitle id="scale-title">Scale the fleet</CardTitle>
              <div className="flex flex-col gap-3">
                <CreateHosts />
                <FleetActions />
              </div>
            </Card>
            <Card aria-labelledby="jobs-title" className="p-3">
              <CardTitle id="jobs-title">Jobs</CardTitle>
              <JobProgress />
            </Card>
            <Card aria-labelledby="simulator-title" className="p-3">
              <CardTitle id="simulator-title">Simulator (BMO twin)</CardTitle>
              <SimulatorPanel />
            </Card>
          </div>
        </div>
        <Card aria-labelledby="charts-title">
          <CardTitle id="charts-title">Over time</CardTitle>
          <LazyFleetCharts />
        </Card>
      </main>
    </>
  );
}
