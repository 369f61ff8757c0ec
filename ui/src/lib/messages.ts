// Pure helpers for the message list: ordering, upsert by id, merge, filtering.
import type { MessageState } from '$lib/bindings/MessageState';
import type { MessageView } from '$lib/bindings/MessageView';

/** The list never grows past this; the oldest rows drop off (the backend keeps the full log). */
export const MAX_MESSAGES = 5000;

function time(s: string): number {
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
}

/** Negative when `a` belongs before `b` in a newest-first list (createdAt desc, then id desc). */
export function newestFirst(a: MessageView, b: MessageView): number {
  const d = time(b.createdAt) - time(a.createdAt);
  if (d !== 0) return d;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Whether `incoming` is not older than `current` (same id), so it may replace it. */
function isNotOlder(incoming: MessageView, current: MessageView): boolean {
  return time(incoming.updatedAt) >= time(current.updatedAt);
}

/**
 * Inserts `msg` into a newest-first list, or replaces the entry with the same id.
 * A copy that is older (by updatedAt) than the one already held is ignored, so a late
 * snapshot cannot move a state backwards. Returns a new array; `list` is not changed.
 */
export function upsertMessage(
  list: readonly MessageView[],
  msg: MessageView,
  max = MAX_MESSAGES,
): readonly MessageView[] {
  const at = list.findIndex((m) => m.id === msg.id);
  if (at >= 0) {
    const current = list[at];
    if (!isNotOlder(msg, current)) return list;
    if (current.createdAt === msg.createdAt) {
      const next = list.slice();
      next[at] = msg;
      return next;
    }
  }
  const rest = at >= 0 ? [...list.slice(0, at), ...list.slice(at + 1)] : list.slice();
  let pos = rest.findIndex((m) => newestFirst(msg, m) < 0);
  if (pos < 0) pos = rest.length;
  rest.splice(pos, 0, msg);
  if (rest.length > max) rest.length = max;
  return rest;
}

/** Merges a loaded snapshot into what events already delivered, keeping the newer copy per id. */
export function mergeMessages(
  current: readonly MessageView[],
  loaded: readonly MessageView[],
  max = MAX_MESSAGES,
): readonly MessageView[] {
  const byId = new Map<string, MessageView>();
  for (const m of loaded) byId.set(m.id, m);
  for (const m of current) {
    const other = byId.get(m.id);
    if (!other || isNotOlder(m, other)) byId.set(m.id, m);
  }
  return [...byId.values()].sort(newestFirst).slice(0, max);
}

export interface MessageFilter {
  query: string;
  state: MessageState | '';
  direction?: 'MT' | 'MO';
}

/** Client-side filter across id, addresses, text and SMSC message id (case-insensitive). */
export function filterMessages(list: readonly MessageView[], f: MessageFilter): readonly MessageView[] {
  const q = f.query.trim().toLowerCase();
  if (!q && !f.state && !f.direction) return list;
  return list.filter((m) => {
    if (f.direction && m.direction !== f.direction) return false;
    if (f.state && m.state !== f.state) return false;
    if (!q) return true;
    return (
      m.id.toLowerCase().includes(q) ||
      m.source.toLowerCase().includes(q) ||
      m.destination.toLowerCase().includes(q) ||
      m.text.toLowerCase().includes(q) ||
      (m.smscMessageId ?? '').toLowerCase().includes(q)
    );
  });
}
