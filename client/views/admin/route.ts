/** Which tab of /admin is open, kept in the address's hash (#setup/agencies, #devices, …) so a reload keeps it. */
import { useEffect, useState } from 'react';

export const TABS = ['setup', 'devices', 'reports', 'ceremony', 'audit', 'privacy'] as const;
export type Tab = (typeof TABS)[number];
export const SETUP_SECTIONS = ['event', 'agencies', 'tasks', 'schedule', 'milestones', 'parade'] as const;
export type SetupSection = (typeof SETUP_SECTIONS)[number];

export interface Route {
  tab: Tab;
  section: SetupSection;
}

function parse(hash: string): Route {
  const [tab, section] = hash.replace(/^#\/?/, '').split('/');
  return {
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as Tab) : 'setup',
    section: (SETUP_SECTIONS as readonly string[]).includes(section ?? '') ? (section as SetupSection) : 'agencies',
  };
}

export function hrefOf(tab: Tab, section?: SetupSection): string {
  return tab === 'setup' ? `#setup/${section ?? 'agencies'}` : `#${tab}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
