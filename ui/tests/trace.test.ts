// The Trace page's pure helpers: hash round-trip and how each timeline step reads.
import { describe, expect, it } from 'vitest';
import type { TraceStep } from '../src/lib/bindings/TraceStep';
import { mockTrace } from '../src/lib/dev-mock-trace';
import { formatLatency, queryFromHash, stepView, traceHash } from '../src/lib/trace';

describe('trace hash', () => {
  it('round-trips queries with spaces, plus signs and ampersands', () => {
    for (const q of ['+44 7700 900123', '0x1A2B&x=1', 'YV1234567890abcdef', 'héllo wörld']) {
      expect(queryFromHash(traceHash(q))).toBe(q);
    }
  });

  it('reads no query from a bare page hash', () => {
    expect(queryFromHash('#/trace')).toBe('');
    expect(queryFromHash('')).toBe('');
  });
});

describe('stepView', () => {
  it('names a rejected submit with its status, hex code and meaning', () => {
    const step: TraceStep = {
      kind: 'submitSmResp',
      commandStatus: 0x0b,
      statusName: 'ESME_RINVDSTADR',
      meaning: 'Invalid destination address.',
      smscMessageId: null,
      latencyMs: 12,
      pduId: 9,
    };
    const v = stepView(step);
    expect(v.tone).toBe('failure');
    expect(v.detail).toBe('ESME_RINVDSTADR (0x0000000b)');
    expect(v.meaning).toBe('Invalid destination address.');
    expect(v.pduId).toBe(9);
    expect(v.latencyMs).toBe(12);
  });

  it('shows the message_id of an accepted submit and no meaning', () => {
    const v = stepView({
      kind: 'submitSmResp',
      commandStatus: 0,
      statusName: 'ESME_ROK',
      meaning: 'No error.',
      smscMessageId: '660D8C88BEC58',
      latencyMs: 3,
      pduId: null,
    });
    expect(v).toMatchObject({ tone: 'progress', detail: 'ESME_ROK, message_id 660D8C88BEC58', meaning: null });
  });

  it('explains receipts and flags duplicates and early arrivals', () => {
    const base = {
      kind: 'receipt' as const,
      receiptId: 1,
      smscMessageId: 'abc',
      stat: 'UNDELIV',
      statMeaning: 'Undeliverable.',
      err: '001',
      errMeaning: 'Unknown subscriber.',
      duplicate: false,
      beforeResponse: true,
      latencyMs: 2500,
      pduId: 4,
    };
    const v = stepView(base);
    expect(v.tone).toBe('failure');
    expect(v.detail).toBe('UNDELIV err:001 (arrived before submit_sm_resp)');
    expect(v.meaning).toBe('Undeliverable. · Unknown subscriber.');
    const dup = stepView({ ...base, stat: 'DELIVRD', duplicate: true, beforeResponse: false });
    expect(dup.label).toBe('Receipt (duplicate)');
    expect(dup.tone).toBe('pending');
    expect(stepView({ ...base, stat: 'DELIVRD', beforeResponse: false }).tone).toBe('success');
  });

  it('gives no-response steps the unknown tone with the reason', () => {
    const v = stepView({ kind: 'noResponse', error: { code: 'response_timeout', message: 'No submit_sm_resp in 30 s.' } });
    expect(v).toMatchObject({ tone: 'unknown', detail: 'response_timeout', meaning: 'No submit_sm_resp in 30 s.' });
  });
});

describe('attempt steps', () => {
  it('name a throttled attempt with its sequence, status and the reason', () => {
    const v = stepView({
      kind: 'attempt',
      event: 'throttled',
      detail: 'The SMSC asked us to slow down; retried after 1000 ms.',
      statusName: 'ESME_RTHROTTLED',
      sequenceNumber: 12,
      pduId: 7,
    });
    expect(v).toMatchObject({
      label: 'Throttled (retried)',
      detail: 'sequence 12, ESME_RTHROTTLED',
      meaning: 'The SMSC asked us to slow down; retried after 1000 ms.',
      tone: 'unknown',
      pduId: 7,
    });
    const dup = stepView({ kind: 'attempt', event: 'possible_duplicate', detail: 'd', statusName: null, sequenceNumber: null, pduId: null });
    expect(dup).toMatchObject({ label: 'Resubmitted (possible duplicate)', detail: '' });
  });
});

describe('formatLatency', () => {
  it('scales units', () => {
    expect(formatLatency(null)).toBe('');
    expect(formatLatency(38)).toBe('+38 ms');
    expect(formatLatency(2450)).toBe('+2.5 s');
    expect(formatLatency(180_000)).toBe('+3 min');
  });
});

describe('dev mock trace', () => {
  const m = {
    id: '0190-x',
    profileName: 'p',
    direction: 'MT' as const,
    source: 'A',
    destination: '+447700900101',
    text: 'Your code is 1',
    dataCoding: 'GSM7',
    parts: 1,
    requestDlr: true,
    state: 'Delivered' as const,
    smscMessageId: '00A1B2',
    error: null,
    receiptStat: 'DELIVRD',
    receiptErr: '000',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:02.000Z',
  };

  it('matches the way the backend tries: ID, SMSC id (zeros, case), number, then text', () => {
    expect(mockTrace([m], '0190-x').messages[0].matchedBy).toBe('ourId');
    expect(mockTrace([m], 'a1b2').messages[0].matchedBy).toBe('smscId');
    expect(mockTrace([m], '44 7700 900101').messages[0].matchedBy).toBe('number');
    expect(mockTrace([m], 'code is').messages[0].matchedBy).toBe('text');
    expect(mockTrace([m], 'nothing').tried).toEqual(['ourId', 'smscId', 'number', 'text']);
  });
});
