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

export default function FleetPage() {
  return (
    <>
      <AppHeader />
      <DisconnectedBanner />
      <main className="mx-auto flex max-w-[110rem] flex-col gap-4 p-4">
        <Suspense>
          <StateTiles />
        </Suspense>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem_24rem]">
          <Card aria-label="Scale the fleet">
            <CardTitle>Scale the fleet</CardTitle>
            <div className="flex flex-col gap-3">
              <CreateHosts />
              <FleetActions />
            </div>
          </Card>
          <Card aria-label="Jobs">
            <CardTitle>Jobs</CardTitle>
            <JobProgress />
          </Card>
          <Card aria-label="Simulator">
            <CardTitle>Simulator (BMO twin)</CardTitle>
            <SimulatorPanel />
          </Card>
        </div>
        <Card aria-label="Charts">
          <CardTitle>Over time</CardTitle>
          <LazyFleetCharts />
        </Card>
        <Card aria-label="Hosts">
          <CardTitle>Hosts</CardTitle>
          <Suspense>
            <HostTable />
          </Suspense>
        </Card>
      </main>
    </>
  );
}
