import { AppHeader } from '@/components/fleet/app-header';
import { RunCompare } from '@/components/runs/run-compare';

export const dynamic = 'force-dynamic';

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ ids?: string | string[] }> }) {
  const { ids } = await searchParams;
  const value = Array.isArray(ids) ? ids.join(',') : (ids ?? '');
  return (
    <>
      <AppHeader />
      <main className="mx-auto flex max-w-[110rem] flex-col gap-4 p-4">
        <RunCompare ids={value} />
      </main>
    </>
  );
}
