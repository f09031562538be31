'use client';
import { useSyncExternalStore } from 'react';
import { Button } from './button';

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

const isDark = () => document.documentElement.classList.contains('dark');

/** Light or dark; remembered in localStorage (the layout's inline script applies it before paint). */
export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, () => false);
  const toggle = () => {
    document.documentElement.classList.toggle('dark', !dark);
    try {
      localStorage.setItem('fleetscope-theme', dark ? 'light' : 'dark');
    } catch {
      // storage may be disabled; the choice then lasts for this page only
    }
  };
  return (
    <Button size="sm" variant="ghost" onClick={toggle} aria-label={dark ? 'Switch to light theme' : 'Switch to dark theme'}>
      {dark ? '☀ Light' : '☾ Dark'}
    </Button>
  );
}
