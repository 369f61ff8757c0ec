// Dev-only stand-in for the backend's trace and logged_pdu commands, over the dev mock's
// in-memory messages. Fake timelines built from each message's current state.
import type { LoggedPdu } from '$lib/bindings/LoggedPdu';
import type { MessageView } from '$lib/bindings/MessageView';
import type { TraceEvent } from '$lib/bindings/TraceEvent';
import type { TraceMatch } from '$lib/bindings/TraceMatch';
import type { TraceResult } from '$lib/bindings/TraceResult';
import { FIXTURES } from '$lib/dev-mock-inspect';

const SUBMIT_PDU = 1;
const RESP_PDU = 2;
const RECEIPT_PDU = 3;

function shift(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

function timeline(m: MessageView): TraceEvent[] {
  const t = m.createdAt;
  const events: TraceEvent[] = [{ at: t, part: null, step: { kind: 'queued' } }];
  if (m.direction === 'MO' || m.state === 'Queued') return events;
  events.push({ at: shift(t, 2), part: 1, step: { kind: 'submitSm', sequenceNumber: 7, pduId: SUBMIT_PDU } });
  if (m.state === 'Submitted') return events;
  const rejected = m.state === 'SubmitFailed' && m.error;
  events.push({
    at: shift(t, 40),
    part: 1,
    step: {
      kind: 'submitSmResp',
      commandStatus: rejected ? 0x58 : 0,
      statusName: rejected ? m.error!.code : 'ESME_ROK',
      meaning: rejected ? m.error!.message : 'No error.',
      smscMessageId: m.smscMessageId,
      latencyMs: 38,
      pduId: RESP_PDU,
    },
  });
  if (m.receiptStat) {
    events.push({
      at: m.updatedAt,
      part: 1,
      step: {
        kind: 'receipt',
        receiptId: 1,
        smscMessageId: m.smscMessageId ?? '',
        stat: m.receiptStat,
        statMeaning: m.receiptStat === 'DELIVRD' ? 'Delivered to the handset.' : 'Not delivered.',
        err: m.receiptErr,
        errMeaning: null,
        duplicate: false,
        beforeResponse: false,
        latencyMs: Date.parse(m.updatedAt) - Date.parse(t),
        pduId: RECEIPT_PDU,
      },
    });
  }
  events.push({ at: m.updatedAt, part: null, step: { kind: 'final', state: m.state, error: m.error } });
  return events;
}

const digits = (s: string) => s.replace(/[\s+\-()]/g, '');

export function mockTrace(all: Iterable<MessageView>, query: string): TraceResult {
  const q = query.trim();
  const list = [...all].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const tries: [TraceMatch, (m: MessageView) => boolean][] = [
    ['ourId', (m) => m.id === q],
    ['smscId', (m) => (m.smscMessageId ?? '').toLowerCase().replace(/^0+/, '') === q.toLowerCase().replace(/^0+/, '')],
    ['number', (m) => /^\+?[\d\s\-()]{5,}$/.test(q) && [m.destination, m.source].some((a) => digits(a) === digits(q))],
    ['text', (m) => m.text.toLowerCase().includes(q.toLowerCase())],
  ];
  const tried: TraceMatch[] = [];
  for (const [how, test] of tries) {
    tried.push(how);
    const found = list.filter(test);
    if (found.length > 0) {
      return {
        query: q,
        tried,
        messages: found.slice(0, 50).map((m) => ({
          message: m,
          matchedBy: how,
          preset: 'simulator',
          segments:
            m.direction === 'MO'
              ? []
              : [{ part: 1, state: m.state, smscMessageId: m.smscMessageId, error: m.error, receipts: m.receiptStat ? 1 : 0 }],
          timeline: timeline(m),
        })),
        orphanReceipts: [],
        truncated: found.length > 50,
      };
    }
  }
  return { query: q, tried, messages: [], orphanReceipts: [], truncated: false };
}

export function mockTraceSummary(result: TraceResult): string {
  return [`Trace of ${result.query} (dev mock, fake data)`, ...result.messages.map((t) => `${t.message.id} ${t.message.state}`)].join('\n');
}

export function mockLoggedPdu(id: number): LoggedPdu {
  const f = id === RECEIPT_PDU ? FIXTURES.deliverReceipt : FIXTURES.submit;
  return { id, direction: id === SUBMIT_PDU ? 'out' : 'in', at: new Date().toISOString(), hex: f.hex.replace(/\s+/g, ''), commandName: 'fixture' };
}
