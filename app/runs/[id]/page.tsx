import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/fleet/app-header';
import { RunDetail } from '@/components/runs/run-detail';
import { RUN_ID } from '@/lib/runs/store';

export const dynamic = 'force-dynamic';

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!RUN_ID.test(id)) notFound();
  return (
    <>
      <AppHeader />
      <main className="mx-auto flex max-w-[110rem] flex-col gap-4 p-4">
        <RunDetail id={id} />
      </main>
    </>
  );
}
