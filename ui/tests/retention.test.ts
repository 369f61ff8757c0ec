// Log retention on the Settings page: inputs to a Retention, sizes and summaries; the dev mock.
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../src/lib/bindings/MessageView';
import type { PruneReport } from '../src/lib/bindings/PruneReport';
import { MOCK_BASE_BYTES, MOCK_MESSAGE_BYTES, RetentionMock } from '../src/lib/dev-mock-retention';
import {
  describeRetention,
  formatBytes,
  groupDigits,
  hasLimit,
  limitText,
  parseLimit,
  parseRetention,
  pruneSummary,
  vacuumSummary,
} from '../src/lib/retention';

describe('parseRetention', () => {
  it('reads empty inputs as no limit', () => {
    expect(parseRetention('', '  ')).toEqual({ ok: true, retention: { maxAgeDays: null, maxSizeMb: null } });
  });

  it('reads whole numbers, spaces and underscores allowed between digits', () => {
    expect(parseRetention(' 30 ', '1 024')).toEqual({ ok: true, retention: { maxAgeDays: 30, maxSizeMb: 1024 } });
    expect(parseLimit('2_000')).toBe(2000);
  });

  it('leaves range checks (0 days, under 10 MB) to the backend', () => {
    expect(parseRetention('0', '5')).toEqual({ ok: true, retention: { maxAgeDays: 0, maxSizeMb: 5 } });
  });

  it('names the first input that is not a whole number', () => {
    expect(parseRetention('thirty', '10')).toMatchObject({ ok: false, field: 'maxAgeDays' });
    expect(parseRetention('30', '1.5')).toMatchObject({ ok: false, field: 'maxSizeMb' });
    expect(parseRetention('-1', '')).toMatchObject({ ok: false, field: 'maxAgeDays' });
    expect(parseRetention('', '99999999999')).toMatchObject({ ok: false, field: 'maxSizeMb' });
  });

  it('shows a stored value back as text', () => {
    expect(limitText(null)).toBe('');
    expect(limitText(30)).toBe('30');
  });
});

describe('describeRetention', () => {
  it('says when everything is kept', () => {
    const r = { maxAgeDays: null, maxSizeMb: null };
    expect(hasLimit(r)).toBe(false);
    expect(describeRetention(r)).toBe('The log keeps everything (no limit set).');
  });

  it('describes both limits', () => {
    const r = { maxAgeDays: 1, maxSizeMb: 2048 };
    expect(hasLimit(r)).toBe(true);
    expect(describeRetention(r)).toBe(
      'Messages older than 1 day are removed; the oldest are removed while the log is over 2 048 MB (checked hourly).',
    );
  });
});

describe('formatting', () => {
  it('groups digits by spaces', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1234)).toBe('1 234');
    expect(groupDigits(1234567n)).toBe('1 234 567');
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024)).toBe('3.4 KB');
    expect(formatBytes(12.3 * 1024 * 1024)).toBe('12.3 MB');
    expect(formatBytes(1.25 * 1024 ** 3)).toBe('1.25 GB');
    expect(formatBytes(-1)).toBe('?');
  });

  it('summarises a prune', () => {
    const r: PruneReport = {
      messages: 1234,
      receipts: 56,
      pdus: 7890,
      usedBytesBefore: 45.6 * 1024 * 1024,
      usedBytesAfter: 12.3 * 1024 * 1024,
    };
    expect(pruneSummary(r)).toBe('Removed 1 234 messages, 56 receipts, 7 890 PDUs; the log now uses 12.3 MB (was 45.6 MB)');
  });

  it('takes the counts as JSON numbers too (what the backend sends) and says one in the singular', () => {
    const r = { messages: 1, receipts: 0, pdus: 1, usedBytesBefore: 2048, usedBytesAfter: 1024 } as unknown as PruneReport;
    expect(pruneSummary(r)).toBe('Removed 1 message, 0 receipts, 1 PDU; the log now uses 1.0 KB (was 2.0 KB)');
  });

  it('summarises a vacuum', () => {
    expect(vacuumSummary({ fileBytesBefore: 45.6 * 1024 * 1024, fileBytesAfter: 12.3 * 1024 * 1024 })).toBe(
      'The database file went from 45.6 MB to 12.3 MB',
    );
  });
});

describe('mock retention commands', () => {
  const DAY = 86_400_000;
  const now = Date.parse('2026-12-03T12:00:00Z');
  const msg = (id: string, daysAgo: number, state: MessageView['state'] = 'Delivered'): MessageView =>
    ({ id, state, receiptStat: state === 'Delivered' ? 'DELIVRD' : null, createdAt: new Date(now - daysAgo * DAY).toISOString() }) as MessageView;

  it('refuses what console-core refuses', () => {
    const m = new RetentionMock();
    expect(() => m.set({ maxAgeDays: 0, maxSizeMb: null })).toThrow();
    expect(() => m.set({ maxAgeDays: null, maxSizeMb: 9 })).toThrow();
    m.set({ maxAgeDays: 30, maxSizeMb: 10 });
    expect(m.get()).toEqual({ maxAgeDays: 30, maxSizeMb: 10 });
  });

  it('prunes by age, never messages in flight', () => {
    const m = new RetentionMock();
    m.set({ maxAgeDays: 30, maxSizeMb: null });
    const all = [msg('a', 40), msg('b', 35, 'Queued'), msg('c', 31, 'SubmitFailed'), msg('d', 1)];
    const removed: string[] = [];
    const r = m.prune(all, now, (id) => removed.push(id));
    expect(removed).toEqual(['a', 'c']);
    expect(r).toMatchObject({ messages: 2, receipts: 1 });
    expect(r.usedBytesBefore).toBe(MOCK_BASE_BYTES + 4 * MOCK_MESSAGE_BYTES);
    expect(r.usedBytesAfter).toBe(MOCK_BASE_BYTES + 2 * MOCK_MESSAGE_BYTES);
    const v = m.vacuum();
    expect(v.fileBytesAfter).toBeLessThan(v.fileBytesBefore);
  });

  it('removes nothing with no limit', () => {
    const r = new RetentionMock().prune([msg('a', 400)], now, () => {
      throw new Error('nothing should go');
    });
    expect(r.messages).toBe(0);
  });
});
