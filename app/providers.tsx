'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useFleetStream } from '@/lib/client/use-fleet-stream';

function FleetStream() {
  useFleetStream();
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab; created in state so React never makes a second one.
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={client}>
      <FleetStream />
      {children}
    </QueryClientProvider>
  );
}
