import { handle, json } from '@/lib/fleet/http';
import { reportOr404 } from '@/lib/runs/api';
import { summaryOf } from '@/lib/runs/report';
import { runs } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

/** A run: its view (status, step, progress), its report so far (final once it has ended) and, once ended, the hosts it left. */
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handle(async () => {
    const { id } = await params;
    const manager = await runs();
    const report = await reportOr404(manager, id);
    const run = await manager.view(id);
    return json({ run, report: summaryOf(report), leftBehind: run?.status === 'running' ? [] : await manager.leftBehind(id) });
  });
}
