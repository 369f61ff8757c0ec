// Log retention (Settings page): the form's inputs to a Retention and back, and the texts
// that describe a prune or a vacuum. Pure functions only.
import type { PruneReport } from '$lib/bindings/PruneReport';
import type { Retention } from '$lib/bindings/Retention';
import type { VacuumReport } from '$lib/bindings/VacuumReport';

/** The largest value the backend takes (a u32). */
const U32_MAX = 4_294_967_295;

export type RetentionField = 'maxAgeDays' | 'maxSizeMb';

export type ParsedRetention =
  | { ok: true; retention: Retention }
  | { ok: false; field: RetentionField; message: string };

/** The text an input shows for a stored value (empty: no limit). */
export function limitText(value: number | null): string {
  return value === null ? '' : String(value);
}

/**
 * One input: empty means no limit (null), otherwise a whole number. Range checks (at least
 * 1 day, at least 10 MB) are the backend's: its message is shown as is.
 */
export function parseLimit(text: string): number | null | undefined {
  const t = text.trim().replace(/[\s_]/g, '');
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n <= U32_MAX ? n : undefined;
}

/** Both inputs into the setting to save, or the first input that is not a whole number. */
export function parseRetention(ageText: string, sizeText: string): ParsedRetention {
  const maxAgeDays = parseLimit(ageText);
  if (maxAgeDays === undefined) {
    return { ok: false, field: 'maxAgeDays', message: 'Enter a whole number of days, or leave it empty to keep everything.' };
  }
  const maxSizeMb = parseLimit(sizeText);
  if (maxSizeMb === undefined) {
    return { ok: false, field: 'maxSizeMb', message: 'Enter a whole number of MB, or leave it empty for no size limit.' };
  }
  return { ok: true, retention: { maxAgeDays, maxSizeMb } };
}

/** Whether the setting prunes anything at all. */
export function hasLimit(r: Retention): boolean {
  return r.maxAgeDays !== null || r.maxSizeMb !== null;
}

/** A one-line description of the setting ("Keep 30 days, at most 500 MB"). */
export function describeRetention(r: Retention): string {
  const parts: string[] = [];
  if (r.maxAgeDays !== null) parts.push(`messages older than ${plural(r.maxAgeDays, 'day')} are removed`);
  if (r.maxSizeMb !== null) parts.push(`the oldest are removed while the log is over ${groupDigits(r.maxSizeMb)} MB`);
  if (parts.length === 0) return 'The log keeps everything (no limit set).';
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (checked hourly).`;
}

/** 1234567 → "1 234 567" (digits grouped by spaces). */
export function groupDigits(n: number | bigint): string {
  const s = BigInt(n).toString();
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return neg ? `-${grouped}` : grouped;
}

function plural(n: number | bigint, word: string): string {
  return `${groupDigits(n)} ${word}${BigInt(n) === 1n ? '' : 's'}`;
}

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/** Bytes as "512 B", "3.4 KB", "12.3 MB" or "1.25 GB" (binary units, as the size limit). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  if (bytes < KB) return `${Math.round(bytes)} B`;
  if (bytes < MB) return `${(bytes / KB).toFixed(1)} KB`;
  if (bytes < GB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / GB).toFixed(2)} GB`;
}

/** What a prune removed: "Removed 1 234 messages, 56 receipts, 7 890 PDUs; the log now uses 12.3 MB (was 45.6 MB)". */
export function pruneSummary(r: PruneReport): string {
  const counts = `${plural(r.messages, 'message')}, ${plural(r.receipts, 'receipt')}, ${groupDigits(r.pdus)} PDU${BigInt(r.pdus) === 1n ? '' : 's'}`;
  return `Removed ${counts}; the log now uses ${formatBytes(r.usedBytesAfter)} (was ${formatBytes(r.usedBytesBefore)})`;
}

/** What a vacuum did: "The database file went from 45.6 MB to 12.3 MB". */
export function vacuumSummary(r: VacuumReport): string {
  return `The database file went from ${formatBytes(r.fileBytesBefore)} to ${formatBytes(r.fileBytesAfter)}`;
}
