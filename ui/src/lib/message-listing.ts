// One listing of the Messages / Inbox table (a filter and an order): the pages of it fetched so
// far (a bounded cache), the messages that arrived after it began, and the arithmetic between
// a table row number and a page. No I/O here: the table fetches, this decides what and keeps it.
//
// A listing is read from a snapshot (the newest row when it began, see MessagePage.snapshot),
// so its row numbers do not move while messages arrive. Messages newer than the snapshot come
// from events and are kept in `live`, shown above the snapshot's rows when newest first and
// below them when oldest first. A row whose state changes is updated in place where it is,
// even if it no longer matches a state filter: rows do not vanish under the pointer; the next
// listing (a filter change or Refresh) leaves it out.
import type { MessageView } from '$lib/bindings/MessageView';
import type { PageAnchor } from '$lib/bindings/PageAnchor';
import type { PageCursor } from '$lib/bindings/PageCursor';
import type { PageFilter } from '$lib/bindings/PageFilter';
import type { PageOrder } from '$lib/bindings/PageOrder';

/** Rows per fetched page. */
export const PAGE_ROWS = 100;
/** Pages kept; beyond that the ones farthest from the view are dropped (about 3,000 rows). */
export const MAX_PAGES = 30;
/** Arrived messages kept above the snapshot; past this the table starts a new listing. */
export const MAX_LIVE = 5000;

function ms(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function cursorOf(m: MessageView): PageCursor {
  return { createdAtMs: ms(m.createdAt), id: m.id };
}

/** Compares two rows' places: negative when `a` was created before `b` (id breaks ties). */
export function compareCursors(a: PageCursor, b: PageCursor): number {
  if (a.createdAtMs !== b.createdAtMs) return a.createdAtMs - b.createdAtMs;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Whether `m` belongs in a listing with `filter` (the backend's rules, for arrived messages). */
export function matchesFilter(m: MessageView, f: PageFilter): boolean {
  if (f.profile && m.profileName !== f.profile) return false;
  if (f.direction && m.direction !== f.direction.toUpperCase()) return false;
  if (f.state && m.state !== f.state) return false;
  if (f.errorCode && m.error?.code !== f.errorCode.trim()) return false;
  const at = ms(m.createdAt);
  if (f.since && at < ms(f.since)) return false;
  if (f.until && at >= ms(f.until)) return false;
  return true;
}

/**
 * Why a row held in a listing no longer belongs in it (a state it moved on from, an error it
 * no longer has), or null while it still matches. Rows stay where they are until Refresh, so
 * the table does not jump under the reader; the table says so on the row instead.
 */
export function leftFilter(m: MessageView, f: PageFilter): string | null {
  if (matchesFilter(m, f)) return null;
  if (f.state && m.state !== f.state) return `Now ${m.state}: no longer matches the State filter. Refresh to drop it.`;
  if (f.errorCode && m.error?.code !== f.errorCode.trim()) {
    const now = m.error ? `its error is now ${m.error.code}` : 'it has no error now';
    return `No longer matches the Error filter (${now}). Refresh to drop it.`;
  }
  return 'No longer matches the filters. Refresh to drop it.';
}

export class MessageListing {
  readonly filter: PageFilter;
  readonly order: PageOrder;
  /** Unknown until the first page answers; events until then wait in `#early`. */
  snapshot: PageCursor | null = null;
  /** Rows in the snapshot. */
  total = 0;
  /** Messages newer than the snapshot, in table order. */
  live: MessageView[] = [];
  readonly #pages = new Map<number, MessageView[]>();
  /** Where each cached or live row is, for in-place updates: page number, or -1 for live. */
  readonly #where = new Map<string, number>();
  /** Messages that arrived before the snapshot was known. */
  readonly #early = new Map<string, MessageView>();
  /**
   * The newest copy seen in an event of rows not cached, so a page that was in flight while
   * its rows changed shows them as they are now. Bounded: cleared when it grows past MAX_LIVE.
   */
  readonly #recent = new Map<string, MessageView>();

  /** Rows assumed until the first answer: a listing started again keeps its scrollbar. */
  readonly #expected: number;
  /** The snapshot to ask for first (a listing continued past too many arrivals), if any. */
  readonly carriedSnapshot: PageCursor | null;

  constructor(filter: PageFilter, order: PageOrder, carry?: { length: number; snapshot: PageCursor | null }) {
    this.filter = filter;
    this.order = order;
    this.#expected = carry?.length ?? 0;
    this.carriedSnapshot = carry?.snapshot ?? null;
  }

  /** The newest row this listing holds (its snapshot, or the newest arrival). */
  get newestCursor(): PageCursor | null {
    if (this.live.length === 0) return this.snapshot;
    return cursorOf(this.newestFirst ? this.live[0] : this.live[this.live.length - 1]);
  }

  get newestFirst(): boolean {
    return this.order === 'newestFirst';
  }

  /** Rows in the table. */
  get length(): number {
    return this.snapshot === null ? this.#expected : this.total + this.live.length;
  }

  /** Too many arrivals to keep: the table should start a new listing. */
  get overfull(): boolean {
    return this.live.length > MAX_LIVE;
  }

  /** The snapshot row number of table row `row`, or -1 when that row is a live one. */
  snapshotIndex(row: number): number {
    if (this.newestFirst) return row < this.live.length ? -1 : row - this.live.length;
    return row < this.total ? row : -1;
  }

  /** Table row `row`, or undefined while its page is not loaded. */
  rowAt(row: number): MessageView | undefined {
    if (row < 0 || row >= this.length) return undefined;
    const s = this.snapshotIndex(row);
    if (s < 0) return this.live[this.newestFirst ? row : row - this.total];
    return this.#pages.get(Math.floor(s / PAGE_ROWS))?.[s % PAGE_ROWS];
  }

  /** The table row of message `id`, if it is loaded. */
  rowOf(id: string): number {
    const page = this.#where.get(id);
    if (page === undefined) return -1;
    if (page < 0) {
      const k = this.live.findIndex((m) => m.id === id);
      return this.newestFirst ? k : this.total + k;
    }
    const k = this.#pages.get(page)?.findIndex((m) => m.id === id) ?? -1;
    if (k < 0) return -1;
    const s = page * PAGE_ROWS + k;
    return this.newestFirst ? s + this.live.length : s;
  }

  hasPage(page: number): boolean {
    return this.#pages.has(page);
  }

  /** Snapshot pages covering table rows [first, last), not yet loaded. */
  missingPages(first: number, last: number): number[] {
    const pages: number[] = [];
    if (this.snapshot === null) return pages;
    const lo = Math.max(0, first);
    const hi = Math.min(this.length, last);
    const seen = new Set<number>();
    for (let row = lo; row < hi; row++) {
      const s = this.snapshotIndex(row);
      if (s < 0) continue;
      const p = Math.floor(s / PAGE_ROWS);
      if (!seen.has(p) && !this.#pages.has(p)) pages.push(p);
      seen.add(p);
      // Skip to the next page boundary.
      row += PAGE_ROWS - 1 - (s % PAGE_ROWS);
    }
    return pages;
  }

  /**
   * How to fetch snapshot page `page`: a seek from a neighbouring page already held (exact and
   * cheap at any depth), else a jump to its first row number.
   */
  anchorFor(page: number): PageAnchor {
    const before = this.#pages.get(page - 1);
    if (before && before.length === PAGE_ROWS) return { kind: 'after', cursor: cursorOf(before[PAGE_ROWS - 1]) };
    const after = this.#pages.get(page + 1);
    if (after && after.length > 0) return { kind: 'before', cursor: cursorOf(after[0]) };
    return { kind: 'offset', offset: page * PAGE_ROWS, total: this.snapshot === null ? null : this.total };
  }

  /**
   * Takes the first answer of the listing: its snapshot and total. Events that came before it
   * are applied now; returns what they did, as `apply` does.
   */
  begin(snapshot: PageCursor, total: number): { changed: boolean; insertedAbove: number } {
    this.snapshot = snapshot;
    this.total = total;
    const early = [...this.#early.values()];
    this.#early.clear();
    return this.apply(early);
  }

  /** Stores a fetched page, with any newer copy of its rows an event already brought. */
  storePage(page: number, rows: readonly MessageView[]): void {
    const fresh = rows.map((r) => {
      const newer = this.#recent.get(r.id);
      if (newer && ms(newer.updatedAt) >= ms(r.updatedAt)) return newer;
      return r;
    });
    this.#pages.set(page, fresh);
    for (const r of fresh) this.#where.set(r.id, page);
  }

  /** Drops pages farthest from `centrePage` until at most `max` remain. */
  evict(centrePage: number, max = MAX_PAGES): number[] {
    if (this.#pages.size <= max) return [];
    const byDistance = [...this.#pages.keys()].sort((a, b) => Math.abs(b - centrePage) - Math.abs(a - centrePage));
    const dropped = byDistance.slice(0, this.#pages.size - max);
    for (const p of dropped) {
      for (const r of this.#pages.get(p) ?? []) this.#where.delete(r.id);
      this.#pages.delete(p);
    }
    return dropped;
  }

  /** Pages held (for tests and the memory bound). */
  get pageCount(): number {
    return this.#pages.size;
  }

  /**
   * Applies a batch of pushed messages: updates rows held in place, adds new matching ones
   * past the snapshot to `live`. Returns how many rows were added above the snapshot's rows
   * (newest first), so the table can keep what the user is looking at still.
   */
  apply(batch: readonly MessageView[]): { changed: boolean; insertedAbove: number } {
    let changed = false;
    let insertedAbove = 0;
    const arrivals: MessageView[] = [];
    for (const m of batch) {
      if (this.snapshot === null) {
        this.#early.set(m.id, m);
        continue;
      }
      const page = this.#where.get(m.id);
      if (page !== undefined) {
        changed = this.#replace(page, m) || changed;
      } else if (compareCursors(cursorOf(m), this.snapshot) > 0) {
        if (matchesFilter(m, this.filter)) arrivals.push(m);
      } else {
        if (this.#recent.size > MAX_LIVE) this.#recent.clear();
        this.#recent.set(m.id, m);
      }
    }
    if (arrivals.length > 0) {
      for (const m of arrivals) this.#where.set(m.id, -1);
      this.live = mergeInOrder(this.live, arrivals, this.newestFirst);
      changed = true;
      if (this.newestFirst) insertedAbove = arrivals.length;
    }
    return { changed, insertedAbove };
  }

  #replace(page: number, m: MessageView): boolean {
    const rows = page < 0 ? this.live : this.#pages.get(page);
    const k = rows?.findIndex((r) => r.id === m.id) ?? -1;
    if (!rows || k < 0 || ms(m.updatedAt) < ms(rows[k].updatedAt)) return false;
    rows[k] = m;
    return true;
  }
}

/**
 * `live` (in table order) with `arrivals` added in their places. Arrivals are nearly always
 * newer than every row held, so they are sorted alone and put at the newest end; only a late
 * one makes the whole list sorted again.
 */
function mergeInOrder(live: readonly MessageView[], arrivals: MessageView[], newestFirst: boolean): MessageView[] {
  const keyed = (list: readonly MessageView[]) => list.map((m) => ({ m, c: cursorOf(m) }));
  const oldestFirst = (a: { c: PageCursor }, b: { c: PageCursor }) => compareCursors(a.c, b.c);
  const add = keyed(arrivals).sort(oldestFirst);
  const newestHeld = live.length === 0 ? null : cursorOf(newestFirst ? live[0] : live[live.length - 1]);
  let merged: MessageView[];
  if (newestHeld === null || compareCursors(add[0].c, newestHeld) > 0) {
    const added = add.map((a) => a.m);
    merged = newestFirst ? [...added.reverse(), ...live] : [...live, ...added];
  } else {
    merged = [...keyed(live), ...add].sort(oldestFirst).map((a) => a.m);
    if (newestFirst) merged.reverse();
  }
  return merged;
}
