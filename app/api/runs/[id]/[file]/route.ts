import { ApiError as HttpError, handle } from '@/lib/fleet/http';
import { reportOr404 } from '@/lib/runs/api';
import { reportCsv, reportJsonl } from '@/lib/runs/report';
import { runs } from '@/lib/runs/service';

export const dynamic = 'force-dynamic';

const TYPES = { 'report.json': 'application/json', 'report.jsonl': 'application/x-ndjson', 'report.csv': 'text/csv; charset=utf-8' } as const;

/** The report as a download: report.json (all of it), report.jsonl (one BMO-style line per phase), report.csv (one row per host). */
export function GET(_request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  return handle(async () => {
    const { id, file } = await params;
    if (!Object.hasOwn(TYPES, file)) throw new HttpError(404, 'not_found', `no ${file}: use report.json, report.jsonl or report.csv`, 'file');
    const manager = await runs();
    const report = await reportOr404(manager, id);
    let body: string;
    if (file === 'report.jsonl') body = reportJsonl(report);
    else if (file === 'report.csv') body = reportCsv(report, (await manager.stored(id))?.record ?? manager.activeRun()!.record);
    else body = JSON.stringify(report, null, 2);
    const headers = {
      'Content-Type': TYPES[file as keyof typeof TYPES],
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${id}-${file}"`,
    };
    return new Response(body, { headers });
  });
}
