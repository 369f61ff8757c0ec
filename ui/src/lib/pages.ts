// The app's pages and how they map to the URL hash (#/messages).
export const PAGES = [
  { id: 'send', label: 'Send' },
  { id: 'messages', label: 'Messages' },
  { id: 'trace', label: 'Trace' },
  { id: 'inbox', label: 'Inbox' },
  { id: 'binds', label: 'Binds' },
  { id: 'profiles', label: 'Profiles' },
  { id: 'inspector', label: 'Inspector' },
  { id: 'reports', label: 'Reports' },
  { id: 'settings', label: 'Settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];
export const DEFAULT_PAGE: PageId = 'send';

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return PAGES.some((p) => p.id === id) ? (id as PageId) : DEFAULT_PAGE;
}

export function hashForPage(id: PageId): string {
  return `#/${id}`;
}
