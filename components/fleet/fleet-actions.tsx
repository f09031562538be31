'use client';
import { Button } from '../ui/button';
import { useHostAction } from './use-actions';
import { useFleet, useReadonly } from './use-fleet';

/** The two actions a scale test runs most: provision every available host, deprovision every provisioned one. */
export function FleetActions() {
  const readonly = useReadonly();
  const fleet = useFleet();
  const action = useHostAction();
  const available = fleet?.counts.byState.available ?? 0;
  const provisioned = fleet?.counts.byState.provisioned ?? 0;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button data-testid="provision-all" variant="primary" disabled={readonly || available === 0 || action.isPending} onClick={() => action.mutate({ action: 'provision', where: { state: 'available' } })}>
        Provision all available ({available.toLocaleString('en')})
      </Button>
      <Button data-testid="deprovision-all" disabled={readonly || provisioned === 0 || action.isPending} onClick={() => action.mutate({ action: 'deprovision', where: { state: 'provisioned' } })}>
        Deprovision all provisioned ({provisioned.toLocaleString('en')})
      </Button>
      {action.isError && <p role="alert" className="text-xs text-rose-600">{action.error.message}</p>}
    </div>
  );
}
