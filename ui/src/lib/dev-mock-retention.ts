// Dev-only stand-in for the log retention commands (retention_get/set, log_prune,
// log_vacuum), used by `npm run dev` and the unit tests. Same validation messages as
// console-core; sizes are made up (a fixed cost per message on top of a base).
import type { ApiError } from '$lib/bindings/ApiError';
import type { MessageView } from '$lib/bindings/MessageView';
import type { PruneReport } from '$lib/bindings/PruneReport';
import type { Retention } from '$lib/bindings/Retention';
import type { VacuumReport } from '$lib/bindings/VacuumReport';

const DAY_MS = 86_400_000;
const MB = 1024 * 1024;
/** Fake bytes: the empty log, one message (with its PDUs and receipt). */
export const MOCK_BASE_BYTES = 96 * 1024;
export const MOCK_MESSAGE_BYTES = 3 * 1024;
const IN_FLIGHT = new Set(['Queued', 'Submitted']);

export class RetentionMock {
  retention: Retention = { maxAgeDays: null, maxSizeMb: null };
  /** Bytes freed by prunes that only a vacuum gives back. */
  private freed = 0;
  private used = 0;

  get(): Retention {
    return { ...this.retention };
  }

  set(value: unknown): null {
    const r = value as Retention | undefined;
    if (!r || typeof r !== 'object') throw { code: 'validation', message: 'retention is missing' } satisfies ApiError;
    if (r.maxAgeDays === 0) {
      throw { code: 'validation', message: 'Keep at least 1 day, or leave it empty to keep everything.' } satisfies ApiError;
    }
    if (r.maxSizeMb !== null && r.maxSizeMb < 10) {
      throw { code: 'validation', message: 'Use at least 10 MB, or leave it empty for no size limit.' } satisfies ApiError;
    }
    this.retention = { maxAgeDays: r.maxAgeDays, maxSizeMb: r.maxSizeMb };
    return null;
  }

  /** Prunes `messages` (any order) by the setting as of `now`, calling `remove` for each pruned one. */
  prune(messages: MessageView[], now: number, remove: (id: string) => void): PruneReport {
    const oldestFirst = messages
      .filter((m) => !IN_FLIGHT.has(m.state))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const usedBefore = MOCK_BASE_BYTES + messages.length * MOCK_MESSAGE_BYTES;
    let left = messages.length;
    let removed = 0;
    let receipts = 0;
    const drop = (m: MessageView) => {
      remove(m.id);
      removed += 1;
      left -= 1;
      if (m.receiptStat !== null) receipts += 1;
    };
    const { maxAgeDays, maxSizeMb } = this.retention;
    let i = 0;
    if (maxAgeDays !== null) {
      const cutoff = now - maxAgeDays * DAY_MS;
      while (i < oldestFirst.length && Date.parse(oldestFirst[i].createdAt) < cutoff) drop(oldestFirst[i++]);
    }
    if (maxSizeMb !== null) {
      while (i < oldestFirst.length && MOCK_BASE_BYTES + left * MOCK_MESSAGE_BYTES > maxSizeMb * MB) drop(oldestFirst[i++]);
    }
    const usedAfter = MOCK_BASE_BYTES + left * MOCK_MESSAGE_BYTES;
    this.freed += usedBefore - usedAfter;
    this.used = usedAfter;
    return {
      messages: removed,
      receipts,
      pdus: removed * 4,
      usedBytesBefore: usedBefore,
      usedBytesAfter: usedAfter,
    };
  }

  vacuum(): VacuumReport {
    const before = Math.max(this.used, MOCK_BASE_BYTES) + this.freed + 64 * 1024;
    this.freed = 0;
    return { fileBytesBefore: before, fileBytesAfter: Math.max(this.used, MOCK_BASE_BYTES) };
  }
}
