'use client';
import { Button } from '../ui/button';
import { useActionFlow } from './action-dialog';
import { useFleet, useReadonly } from './use-fleet';

/** The two actions a scale test runs most: provision every available host, deprovision every provisioned one. Both ask first. */
export function FleetActions() {
  const readonly = useReadonly();
  const fleet = useFleet();
  const flow = useActionFlow();
  const available = fleet?.counts.byState.available ?? 0;
  const provisioned = fleet?.counts.byState.provisioned ?? 0;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        data-testid="provision-all"
        variant="primary"
        disabled={readonly || available === 0 || flow.busy}
        onClick={() =>
          flow.ask('provision', { where: { state: 'available' }, count: available, scope: `Every available host (${available.toLocaleString('en')}).` })
        }
      >
        Provision all available ({available.toLocaleString('en')})…
      </Button>
      <Button
        data-testid="deprovision-all"
        disabled={readonly || provisioned === 0 || flow.busy}
        onClick={() =>
          flow.ask('deprovision', {
            where: { state: 'provisioned' },
            count: provisioned,
            scope: `Every provisioned host (${provisioned.toLocaleString('en')}).`,
          })
        }
      >
        Deprovision all provisioned ({provisioned.toLocaleString('en')})…
      </Button>
      {flow.inlineError && (
        <p role="alert" className="text-xs text-rose-700">
          {flow.inlineError}
        </p>
      )}
      {flow.dialog}
    </div>
  );
}
