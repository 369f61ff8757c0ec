// Labels, tones and time formatting shown across pages.
import type { BindState } from '$lib/bindings/BindState';
import type { MessageState } from '$lib/bindings/MessageState';

export const MESSAGE_STATES: readonly MessageState[] = [
  'Queued',
  'Submitted',
  'Accepted',
  'SubmitFailed',
  'Failed',
  'UnknownOutcome',
  'Enroute',
  'Delivered',
  'Expired',
  'Deleted',
  'Undeliverable',
  'Rejected',
  'ReceiptUnknown',
  'Received',
];

const STATE_LABELS: Record<MessageState, string> = {
  Queued: 'Queued',
  Submitted: 'Submitted',
  Accepted: 'Accepted',
  SubmitFailed: 'Submit failed',
  Failed: 'Failed',
  UnknownOutcome: 'Unknown outcome',
  Enroute: 'En route',
  Delivered: 'Delivered',
  Expired: 'Expired',
  Deleted: 'Deleted',
  Undeliverable: 'Undeliverable',
  Rejected: 'Rejected',
  ReceiptUnknown: 'Receipt: unknown',
  Received: 'Received',
};

export function stateLabel(state: MessageState): string {
  return STATE_LABELS[state] ?? state;
}

/** Colour family: pending (grey), progress (blue), success (green), failure (red), unknown (amber). */
export type Tone = 'pending' | 'progress' | 'success' | 'failure' | 'unknown';

const STATE_TONES: Record<MessageState, Tone> = {
  Queued: 'pending',
  Submitted: 'progress',
  Accepted: 'progress',
  Enroute: 'progress',
  Delivered: 'success',
  SubmitFailed: 'failure',
  Failed: 'failure',
  Expired: 'failure',
  Deleted: 'failure',
  Undeliverable: 'failure',
  Rejected: 'failure',
  UnknownOutcome: 'unknown',
  ReceiptUnknown: 'unknown',
  Received: 'success',
};

export function stateTone(state: MessageState): Tone {
  return STATE_TONES[state] ?? 'unknown';
}

const BIND_TONES: Record<BindState, Tone> = {
  Bound: 'success',
  Connecting: 'progress',
  Disconnected: 'pending',
  Error: 'failure',
};

export function bindTone(state: BindState): Tone {
  return BIND_TONES[state] ?? 'unknown';
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Local HH:MM:SS, or the raw string when it does not parse. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local YYYY-MM-DD HH:MM:SS.mmm, or the raw string when it does not parse. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${formatTime(iso)}.${pad(d.getMilliseconds(), 3)}`;
}

/** "45s", "3m 12s", "2h 05m", "3d 4h" since `iso` at `now` (ms). */
export function formatSince(iso: string, now: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/** Characters as a person counts them (code points, so an emoji is one). */
export function countChars(text: string): number {
  return Array.from(text).length;
}

/** "U+0436", "U+1F600": the code point of a character's first scalar value. */
export function codePointLabel(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "DELIVRD / 000", "DELIVRD", or "" when there is no receipt. */
export function formatReceipt(stat: string | null, err: string | null): string {
  if (!stat && !err) return '';
  if (stat && err) return `${stat} / ${err}`;
  return stat ?? `err ${err}`;
}
