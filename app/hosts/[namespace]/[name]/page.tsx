import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/fleet/app-header';
import { DisconnectedBanner } from '@/components/fleet/connection-status';
import { HostDetail } from '@/components/host/host-detail';
import { isDnsLabel, isDnsSubdomain } from '@/lib/bmh/names';

export default async function HostPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  if (!isDnsLabel(namespace) || !isDnsSubdomain(name)) notFound();
  return (
    <>
      <AppHeader />
      <DisconnectedBanner />
      <main className="mx-auto max-w-[90rem] p-4">
        <HostDetail namespace={namespace} name={name} />
      </main>
    </>
  );
}
