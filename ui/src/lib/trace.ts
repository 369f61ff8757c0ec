// Pure helpers for the Trace page: how a query travels in the URL hash and how each timeline
// step reads. No Svelte, no IPC, so they are unit-tested directly.
import type { TraceMatch } from '$lib/bindings/TraceMatch';
import type { TraceStep } from '$lib/bindings/TraceStep';
import { stateLabel, stateTone, type Tone } from '$lib/format';

/** `#/trace?q=…`: the hash that opens the Trace page on `query`. */
export function traceHash(query: string): string {
  return `#/trace?q=${encodeURIComponent(query)}`;
}

/** The query carried by a `#/trace?q=…` hash, or '' when there is none. */
export function queryFromHash(hash: string): string {
  const at = hash.indexOf('?');
  if (at < 0) return '';
  return new URLSearchParams(hash.slice(at + 1)).get('q') ?? '';
}

const MATCH_LABELS: Record<TraceMatch, string> = {
  ourId: 'our message ID',
  smscId: 'SMSC message ID',
  number: 'phone number',
  text: 'message text',
};

export function matchLabel(m: TraceMatch): string {
  return MATCH_LABELS[m] ?? m;
}

/** One timeline row as shown: a short label, the detail line, its meaning and colour. */
export interface StepView {
  label: string;
  detail: string;
  meaning: string | null;
  tone: Tone;
  pduId: number | null;
  latencyMs: number | null;
}

const ATTEMPT_LABELS: Record<string, string> = {
  throttled: 'Throttled (retried)',
  timeout: 'Response timeout',
  connection_lost: 'Connection lost',
  resubmitted: 'Resubmitted',
  possible_duplicate: 'Resubmitted (possible duplicate)',
};

export function stepView(step: TraceStep): StepView {
  switch (step.kind) {
    case 'queued':
      return { label: 'Queued', detail: 'stored in the log', meaning: null, tone: 'pending', pduId: null, latencyMs: null };
    case 'submitSm':
      return {
        label: 'submit_sm',
        detail: step.sequenceNumber === null ? 'written to the socket' : `sequence ${step.sequenceNumber}`,
        meaning: null,
        tone: 'progress',
        pduId: step.pduId,
        latencyMs: null,
      };
    case 'submitSmResp': {
      const ok = step.commandStatus === 0;
      return {
        label: 'submit_sm_resp',
        detail: ok
          ? `${step.statusName}, message_id ${step.smscMessageId ?? '(none)'}`
          : `${step.statusName} (0x${step.commandStatus.toString(16).padStart(8, '0')})`,
        meaning: ok ? null : step.meaning,
        tone: ok ? 'progress' : 'failure',
        pduId: step.pduId,
        latencyMs: step.latencyMs,
      };
    }
    case 'noResponse':
      return {
        label: 'No response',
        detail: step.error.code,
        meaning: step.error.message,
        tone: 'unknown',
        pduId: null,
        latencyMs: null,
      };
    case 'attempt':
      return {
        label: ATTEMPT_LABELS[step.event] ?? step.event,
        detail: [step.sequenceNumber === null ? null : `sequence ${step.sequenceNumber}`, step.statusName]
          .filter(Boolean)
          .join(', '),
        meaning: step.detail,
        tone: step.event === 'resubmitted' ? 'progress' : 'unknown',
        pduId: step.pduId,
        latencyMs: null,
      };
    case 'receipt': {
      const r = step;
      const parts = [r.stat ?? 'no stat', r.err === null ? null : `err:${r.err}`].filter(Boolean).join(' ');
      const flags = [r.duplicate ? 'duplicate, changed nothing' : null, r.beforeResponse ? 'arrived before submit_sm_resp' : null]
        .filter(Boolean)
        .join('; ');
      const meaning = [r.statMeaning, r.errMeaning].filter(Boolean).join(' · ');
      return {
        label: r.duplicate ? 'Receipt (duplicate)' : 'Receipt',
        detail: flags ? `${parts} (${flags})` : parts,
        meaning: meaning || null,
        tone: receiptTone(r.stat, r.duplicate),
        pduId: r.pduId,
        latencyMs: r.latencyMs,
      };
    }
    case 'final':
      return {
        label: `Final: ${stateLabel(step.state)}`,
        detail: step.error ? step.error.code : '',
        meaning: step.error?.message ?? null,
        tone: stateTone(step.state),
        pduId: null,
        latencyMs: null,
      };
  }
}

function receiptTone(stat: string | null, duplicate: boolean): Tone {
  if (duplicate) return 'pending';
  switch (stat?.toUpperCase()) {
    case 'DELIVRD':
      return 'success';
    case 'ENROUTE':
    case 'ACCEPTD':
      return 'progress';
    case 'UNKNOWN':
      return 'unknown';
    case undefined:
      return 'unknown';
    default:
      return 'failure';
  }
}

/** "+120 ms" / "+2.4 s" for a latency since submit_sm; '' when unknown. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `+${ms} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  return `+${Math.round(ms / 60_000)} min`;
}
