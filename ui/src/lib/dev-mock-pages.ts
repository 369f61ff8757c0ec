// Dev mock of list_message_page: the dev mock's own messages (seeded and sent) on top of a
// synthetic log of many older rows (1,000,000 unless ?mock-rows=N), so the virtualised table
// can be tried at full size in a browser. Synthetic rows are computed from their number, never
// stored; a filter is one pass over the numbers (cached), and seeks are binary searches, so the
// mock answers like the backend: by snapshot, cursor or row number.
import type { ApiError } from '$lib/bindings/ApiError';
import type { MessagePage } from '$lib/bindings/MessagePage';
import type { MessageState } from '$lib/bindings/MessageState';
import type { MessageView } from '$lib/bindings/MessageView';
import type { PageCursor } from '$lib/bindings/PageCursor';
import type { PageFilter } from '$lib/bindings/PageFilter';
import type { PageQuery } from '$lib/bindings/PageQuery';
import { compareCursors, cursorOf, matchesFilter } from '$lib/message-listing';

/** Synthetic rows are this far apart in time, the newest this long before the mock started. */
const SPACING_MS = 700;
const NEWEST_AGO_MS = 3_600_000;
const PROFILES = ['local-sim', 'acme-eu', 'acme-us'];
const WORDS = ['Your', 'code', 'is', 'parcel', 'arrives', 'today', 'thanks', 'order'];

interface Synthetic {
  direction: 'MT' | 'MO';
  state: MessageState;
  errorCode: string | null;
  profile: string;
  at: number;
}

export class SyntheticLog {
  readonly size: number;
  readonly #newest: number;
  #cache: { key: string; rows: Int32Array } | null = null;

  constructor(size: number, now: number) {
    this.size = size;
    this.#newest = now - NEWEST_AGO_MS;
  }

  /** Row `i`'s filterable fields (0 is the newest). */
  attrs(i: number): Synthetic {
    const mo = i % 20 === 0;
    const failed = !mo && i % 50 === 3;
    const state: MessageState = mo
      ? 'Received'
      : failed
        ? 'SubmitFailed'
        : i % 7 === 0
          ? 'Undeliverable'
          : i % 7 === 1
            ? 'Accepted'
            : 'Delivered';
    return {
      direction: mo ? 'MO' : 'MT',
      state,
      errorCode: failed ? 'ESME_RINVDSTADR' : null,
      profile: PROFILES[i % PROFILES.length],
      at: this.#newest - i * SPACING_MS,
    };
  }

  row(i: number): MessageView {
    const a = this.attrs(i);
    const iso = new Date(a.at).toISOString();
    const number = `+4477009${String(i % 100_000).padStart(5, '0')}`;
    const w = (n: number) => WORDS[n % WORDS.length];
    const delivered = a.direction === 'MT' && a.state !== 'SubmitFailed';
    return {
      id: `${a.at.toString(16).padStart(12, '0').slice(0, 8)}-0000-7000-9000-${i.toString(16).padStart(12, '0')}`,
      profileName: a.profile,
      direction: a.direction,
      source: a.direction === 'MO' ? number : 'SMPPConsole',
      destination: a.direction === 'MO' ? '88000' : number,
      text: `${w(i)} ${w(i >> 2)} ${w(i >> 4)} #${i}`,
      dataCoding: 'GSM7',
      parts: 1,
      requestDlr: a.direction === 'MT',
      state: a.state,
      smscMessageId: delivered ? (0x100000 + i).toString(16) : null,
      error: a.errorCode ? { code: a.errorCode, message: 'Invalid destination address.' } : null,
      receiptStat: a.state === 'Delivered' ? 'DELIVRD' : a.state === 'Undeliverable' ? 'UNDELIV' : null,
      receiptErr: a.state === 'Delivered' || a.state === 'Undeliverable' ? '000' : null,
      createdAt: iso,
      updatedAt: iso,
    };
  }

  /** Numbers of the rows matching `f`, newest first (one pass; the last filter is cached). */
  matching(f: PageFilter): Int32Array {
    const key = JSON.stringify(f);
    if (this.#cache?.key === key) return this.#cache.rows;
    const since = f.since ? Date.parse(f.since) : -Infinity;
    const until = f.until ? Date.parse(f.until) : Infinity;
    const out = new Int32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const a = this.attrs(i);
      if (f.direction && a.direction !== f.direction.toUpperCase()) continue;
      if (f.state && a.state !== f.state) continue;
      if (f.profile && a.profile !== f.profile) continue;
      if (f.errorCode && a.errorCode !== f.errorCode.trim()) continue;
      if (a.at < since || a.at >= until) continue;
      out[n++] = i;
    }
    const rows = out.slice(0, n);
    this.#cache = { key, rows };
    return rows;
  }
}

/** First index in [0, n) where `pred` holds, given it holds for a suffix. */
function firstWhere(n: number, pred: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Answers one list_message_page like the backend. */
export function mockMessagePage(q: PageQuery, recent: Iterable<MessageView>, log: SyntheticLog): MessagePage {
  if (q.limit < 1 || q.limit > 1000) {
    throw { code: 'validation', message: 'A page holds 1 to 1000 rows.' } satisfies ApiError;
  }
  const all = [...recent];
  const newest = all.map(cursorOf).sort(compareCursors).pop();
  const snapshot: PageCursor =
    q.snapshot ?? newest ?? (log.size > 0 ? cursorOf(log.row(0)) : { createdAtMs: 0, id: '' });
  const fresh = all
    .filter((m) => matchesFilter(m, q.filter) && compareCursors(cursorOf(m), snapshot) <= 0)
    .sort((a, b) => compareCursors(cursorOf(b), cursorOf(a)));
  const synthetic = log.matching(q.filter);
  // Newest-first index k over both parts (the mock's own messages are newer than the log).
  const length = fresh.length + synthetic.length;
  const rowAt = (k: number) => (k < fresh.length ? fresh[k] : log.row(synthetic[k - fresh.length]));
  const keyAt = (k: number) =>
    k < fresh.length
      ? cursorOf(fresh[k])
      : { createdAtMs: log.attrs(synthetic[k - fresh.length]).at, id: log.row(synthetic[k - fresh.length]).id };
  const olderThan = (c: PageCursor, orEqual: boolean) =>
    firstWhere(length, (k) => {
      const d = compareCursors(keyAt(k), c);
      return orEqual ? d <= 0 : d < 0;
    });
  const newestFirst = q.order === 'newestFirst';
  // Display position p is newest-first index p (or length - 1 - p when oldest first).
  const at = (p: number) => rowAt(newestFirst ? p : length - 1 - p);
  let start: number;
  let offset: number | null = null;
  switch (q.anchor.kind) {
    case 'start':
      start = 0;
      offset = 0;
      break;
    case 'offset':
      start = q.anchor.offset;
      offset = start;
      break;
    case 'after':
      start = newestFirst ? olderThan(q.anchor.cursor, false) : length - olderThan(q.anchor.cursor, true);
      break;
    case 'before': {
      const end = newestFirst ? olderThan(q.anchor.cursor, true) : length - olderThan(q.anchor.cursor, false);
      start = Math.max(0, end - q.limit);
      const rows = Array.from({ length: end - start }, (_, j) => at(start + j));
      return { rows, offset: null, total: q.withTotal ? length : null, snapshot, more: start > 0 };
    }
  }
  const end = Math.min(length, start + q.limit);
  const rows = Array.from({ length: Math.max(0, end - start) }, (_, j) => at(start + j));
  return { rows, offset, total: q.withTotal ? length : null, snapshot, more: end < length };
}
