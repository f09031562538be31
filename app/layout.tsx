import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { earlyStreamScript } from '@/lib/stream/early-stream';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Fleetscope',
  description: 'A live dashboard for fleets of Metal3 BareMetalHosts',
};

// Sets the theme before the first paint: the saved choice, else the system's.
const themeScript = `try{var t=localStorage.getItem('fleetscope-theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

// Opens the live stream while the page's scripts still load (lib/stream/early-stream.ts): the fleet shows sooner.
const streamScript = earlyStreamScript();

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
        <script dangerouslySetInnerHTML={{ __html: streamScript }} />
      </head>
      <body className="min-h-screen font-sans">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
