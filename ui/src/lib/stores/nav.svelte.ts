// The current page, mirrored in the URL hash so a reload stays on it.
import { hashForPage, pageFromHash, type PageId } from '$lib/pages';

class NavStore {
  page = $state<PageId>(pageFromHash(window.location.hash));

  go(id: PageId): void {
    this.page = id;
    if (window.location.hash !== hashForPage(id)) window.location.hash = hashForPage(id);
  }

  start(): void {
    window.addEventListener('hashchange', () => {
      this.page = pageFromHash(window.location.hash);
    });
  }
}

export const nav = new NavStore();
