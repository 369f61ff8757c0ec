// Pure helpers for the bind list: one entry per bind (a profile may have several), in the
// backend's order.
import type { BindStatus } from '$lib/bindings/BindStatus';

function time(s: string): number {
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
}

/** Same bind: same profile, same place in its pool. */
function same(a: BindStatus, b: BindStatus): boolean {
  return a.profileName === b.profileName && a.bindIndex === b.bindIndex;
}

/** Replaces the bind's status (unless `bind` is older, by `since`) or appends a new bind. */
export function upsertBind(list: readonly BindStatus[], bind: BindStatus): readonly BindStatus[] {
  const at = list.findIndex((b) => same(b, bind));
  if (at < 0) return [...list, bind];
  if (time(bind.since) < time(list[at].since)) return list;
  const next = list.slice();
  next[at] = bind;
  return next;
}

/**
 * A loaded snapshot, in its order, with any strictly newer status that events already
 * delivered. On a tie the snapshot wins: it carries the latest counters (rate, window) of a
 * state that has not changed.
 */
export function mergeBinds(
  current: readonly BindStatus[],
  loaded: readonly BindStatus[],
): readonly BindStatus[] {
  let next: readonly BindStatus[] = loaded;
  for (const b of current) {
    const l = next.find((x) => same(x, b));
    if (!l || time(b.since) > time(l.since)) next = upsertBind(next, b);
  }
  return next;
}
