import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/fleet/app-header';
import { DisconnectedBanner } from '@/components/fleet/connection-status';
import { HostDetail } from '@/components/host/host-detail';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export default async function HostPage({ params }: { params: Promise<{ namespace: string; name: string }> }) {
  const { namespace, name } = await params;
  if (!LABEL.test(namespace) || namespace.length > 63 || !SUBDOMAIN.test(name) || name.length > 253) notFound();
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
