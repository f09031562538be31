import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Fleetscope',
  description: 'A live dashboard for fleets of Metal3 BareMetalHosts',
};

// Sets the theme before the first paint: the saved choice, else the system's.
const themeScript = `try{var t=localStorage.getItem('fleetscope-theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;

// Opens the live stream while the page's scripts still load, keeping what arrives until the
// stream hook adopts it (lib/client/use-fleet-stream.ts): the fleet shows sooner.
const streamScript = `try{if(window.EventSource){var s=new EventSource('/api/stream'),b=[],l=[];['snapshot','delta','job','cluster','series'].forEach(function(n){var f=function(e){b.push([n,e.data])};s.addEventListener(n,f);l.push([n,f])});window.__fleetscopeEarlyStream={source:s,buffered:b,detach:function(){l.forEach(function(x){s.removeEventListener(x[0],x[1])})}};performance.mark('fleetscope:stream-open')}}catch(e){}`;

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
