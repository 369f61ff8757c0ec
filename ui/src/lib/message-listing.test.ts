// The listing model against the dev mock's backend: pages fetched by seek or jump line up with
// the whole result set, the cache stays bounded, and pushed messages land where they belong.
import { describe, expect, it } from 'vitest';
import type { MessageView } from '$lib/bindings/MessageView';
import type { PageFilter } from '$lib/bindings/PageFilter';
import type { PageOrder } from '$lib/bindings/PageOrder';
import { messageView } from '../../tests/message-fixture';
import { mockMessagePage, SyntheticLog } from './dev-mock-pages';
import { leftFilter, MAX_LIVE, MessageListing, PAGE_ROWS } from './message-listing';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const NONE: PageFilter = { profile: null, direction: null, state: null, errorCode: null, since: null, until: null };

/** Fetches `page` of `l` from the mock as the table does. */
function fetchInto(l: MessageListing, log: SyntheticLog, page: number): void {
  const first = l.snapshot === null;
  const answer = mockMessagePage(
    {
      filter: l.filter,
      order: l.order,
      anchor: first && page === 0 ? { kind: 'start' } : l.anchorFor(page),
      limit: PAGE_ROWS,
      snapshot: l.snapshot,
      withTotal: first,
    },
    [],
    log,
  );
  if (first) l.begin(answer.snapshot, answer.total ?? 0);
  l.storePage(page, answer.rows);
}

function everyRow(log: SyntheticLog, filter: PageFilter, order: PageOrder): string[] {
  const all = mockMessagePage(
    { filter, order, anchor: { kind: 'start' }, limit: 1000, snapshot: null, withTotal: true },
    [],
    log,
  );
  expect(all.more).toBe(false);
  return all.rows.map((m) => m.id);
}

function arrival(id: string, at: number, patch: Partial<MessageView> = {}): MessageView {
  return messageView(id, new Date(at).toISOString(), { text: 'new', ...patch });
}

describe('MessageListing pages', () => {
  for (const order of ['newestFirst', 'oldestFirst'] as const) {
    it(`seeks, jumps and seeks back to the same rows (${order})`, () => {
      const log = new SyntheticLog(950, NOW);
      const filter = { ...NONE, direction: 'MT' };
      const want = everyRow(log, filter, order);
      const l = new MessageListing(filter, order);
      fetchInto(l, log, 0);
      expect(l.length).toBe(want.length);
      // Forwards page by page: each fetched by a seek after the previous one.
      const pages = Math.ceil(want.length / PAGE_ROWS);
      for (let p = 1; p < pages; p++) {
        expect(l.anchorFor(p).kind).toBe('after');
        fetchInto(l, log, p);
      }
      expect(Array.from({ length: l.length }, (_, i) => l.rowAt(i)?.id)).toEqual(want);
      // A fresh listing jumps to page 7, then reads page 6 backwards from it.
      const j = new MessageListing(filter, order);
      fetchInto(j, log, 0);
      expect(j.anchorFor(7)).toEqual({ kind: 'offset', offset: 700, total: want.length });
      fetchInto(j, log, 7);
      expect(j.anchorFor(6).kind).toBe('before');
      fetchInto(j, log, 6);
      for (let i = 600; i < 800 && i < want.length; i++) expect(j.rowAt(i)?.id).toBe(want[i]);
      expect(j.rowAt(500)).toBeUndefined();
      expect(j.missingPages(450, 650)).toEqual([4, 5]);
    });
  }

  it('keeps at most MAX_PAGES pages, dropping those farthest from the view', () => {
    const log = new SyntheticLog(5000, NOW);
    const l = new MessageListing(NONE, 'newestFirst');
    for (let p = 0; p < 45; p++) fetchInto(l, log, p);
    const dropped = l.evict(40, 30);
    expect(l.pageCount).toBe(30);
    expect(dropped.sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i));
    expect(l.rowAt(0)).toBeUndefined();
    expect(l.rowAt(4400)?.id).toBeDefined();
    expect(l.missingPages(0, 250)).toEqual([0, 1, 2]);
  });
});

describe('MessageListing live updates', () => {
  it('updates held rows in place and adds new matching ones above, newest first', () => {
    const log = new SyntheticLog(300, NOW);
    const l = new MessageListing({ ...NONE, direction: 'MT' }, 'newestFirst');
    fetchInto(l, log, 0);
    const total = l.length;
    const held = l.rowAt(5)!;
    // A state change of a row on screen: in place, no rows move.
    expect(l.apply([{ ...held, state: 'Delivered', updatedAt: new Date(NOW).toISOString() }])).toEqual({
      changed: true,
      insertedAbove: 0,
    });
    expect(l.rowAt(5)?.state).toBe('Delivered');
    // A late, older copy does not move it back.
    l.apply([{ ...held, state: 'Accepted', updatedAt: held.createdAt }]);
    expect(l.rowAt(5)?.state).toBe('Delivered');
    // Two new MT messages and an MO one (not in this listing) arrive in one frame.
    const r = l.apply([arrival('n1', NOW + 1), arrival('n2', NOW + 2), arrival('mo', NOW + 3, { direction: 'MO' })]);
    expect(r).toEqual({ changed: true, insertedAbove: 2 });
    expect(l.length).toBe(total + 2);
    expect([l.rowAt(0)?.id, l.rowAt(1)?.id, l.rowAt(7)?.id]).toEqual(['n2', 'n1', held.id]);
    expect(l.rowOf(held.id)).toBe(7);
    // Their later states update them where they are.
    l.apply([arrival('n1', NOW + 1, { state: 'Accepted', updatedAt: new Date(NOW + 50).toISOString() })]);
    expect(l.rowAt(1)?.state).toBe('Accepted');
  });

  it('adds arrivals at the end when oldest first, and applies early ones once the listing begins', () => {
    const log = new SyntheticLog(150, NOW);
    const l = new MessageListing(NONE, 'oldestFirst');
    // Before the first answer: kept, not shown.
    expect(l.apply([arrival('early', NOW + 1)])).toEqual({ changed: false, insertedAbove: 0 });
    fetchInto(l, log, 0);
    expect(l.length).toBe(151);
    expect(l.rowAt(150)?.id).toBe('early');
    expect(l.apply([arrival('late', NOW + 2)]).insertedAbove).toBe(0);
    expect(l.rowAt(151)?.id).toBe('late');
  });

  it('gives a page fetched while its rows changed their newer state', () => {
    const log = new SyntheticLog(500, NOW);
    const l = new MessageListing(NONE, 'newestFirst');
    fetchInto(l, log, 0);
    const row = log.row(250);
    // The row's page is not held when its event comes.
    l.apply([{ ...row, state: 'Rejected', updatedAt: new Date(NOW).toISOString() }]);
    fetchInto(l, log, 2);
    expect(l.rowAt(250)?.state).toBe('Rejected');
  });

  it('says when too many arrivals are held, and where the newest is', () => {
    const log = new SyntheticLog(10, NOW);
    const l = new MessageListing(NONE, 'newestFirst');
    fetchInto(l, log, 0);
    const many = Array.from({ length: MAX_LIVE + 1 }, (_, i) => arrival(`a${i}`, NOW + 10 + i));
    l.apply(many);
    expect(l.overfull).toBe(true);
    expect(l.newestCursor).toEqual({ createdAtMs: NOW + 10 + MAX_LIVE, id: `a${MAX_LIVE}` });
    // A continued listing keeps the row count until its first answer.
    const next = new MessageListing(NONE, 'newestFirst', { length: l.length, snapshot: l.newestCursor });
    expect(next.length).toBe(l.length);
    expect(next.carriedSnapshot).toEqual(l.newestCursor);
  });
});

describe('leftFilter', () => {
  const at = '2026-12-03T08:00:00.000Z';
  it('is null while a row still matches, and names the filter it left', () => {
    const enroute: PageFilter = { ...NONE, state: 'Enroute' };
    expect(leftFilter(messageView('a', at, { state: 'Enroute' }), enroute)).toBeNull();
    expect(leftFilter(messageView('a', at, { state: 'Delivered' }), enroute)).toBe(
      'Now Delivered: no longer matches the State filter. Refresh to drop it.',
    );
    const failed: PageFilter = { ...enroute, state: null, errorCode: 'ESME_RTHROTTLED' };
    const throttled = messageView('b', at, { error: { code: 'ESME_RTHROTTLED', message: 'Throttled' } });
    expect(leftFilter(throttled, failed)).toBeNull();
    expect(leftFilter(messageView('b', at), failed)).toBe(
      'No longer matches the Error filter (it has no error now). Refresh to drop it.',
    );
    expect(leftFilter(messageView('b', at, { profileName: 'other' }), { ...enroute, state: null, profile: 'x' })).toBe(
      'No longer matches the filters. Refresh to drop it.',
    );
  });
});
