import { describe, expect, it } from 'vitest';
import { countChars, formatReceipt, formatSince, MESSAGE_STATES, stateLabel, stateTone } from '../src/lib/format';
import { pageFromHash } from '../src/lib/pages';
import { parseThemePref, resolveTheme } from '../src/lib/theme';
import { toApiError } from '../src/lib/api';
import { mergeBinds, upsertBind } from '../src/lib/binds';
import type { BindStatus } from '../src/lib/bindings/BindStatus';

describe('state labels and tones', () => {
  it('has a human label for every state', () => {
    expect(MESSAGE_STATES.map(stateLabel)).toEqual([
      'Queued',
      'Submitted',
      'Accepted',
      'Submit failed',
      'Failed',
      'Unknown outcome',
      'En route',
      'Delivered',
      'Expired',
      'Deleted',
      'Undeliverable',
      'Rejected',
      'Receipt: unknown',
      'Received',
    ]);
  });

  it('colours success, failure and unknown apart', () => {
    expect(stateTone('Delivered')).toBe('success');
    expect(stateTone('SubmitFailed')).toBe('failure');
    expect(stateTone('Undeliverable')).toBe('failure');
    expect(stateTone('UnknownOutcome')).toBe('unknown');
    expect(stateTone('ReceiptUnknown')).toBe('unknown');
    expect(stateTone('Queued')).toBe('pending');
    expect(stateTone('Submitted')).toBe('progress');
  });
});

describe('formatting', () => {
  it('counts characters as code points', () => {
    expect(countChars('')).toBe(0);
    expect(countChars('hello')).toBe(5);
    expect(countChars('héllo 👋')).toBe(7);
  });

  it('formats time since', () => {
    const t = Date.parse('2025-01-01T10:00:00.000Z');
    expect(formatSince('2025-01-01T10:00:00.000Z', t + 45_000)).toBe('45s');
    expect(formatSince('2025-01-01T10:00:00.000Z', t + 192_000)).toBe('3m 12s');
    expect(formatSince('2025-01-01T10:00:00.000Z', t + 2 * 3600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(formatSince('nope', t)).toBe('—');
  });

  it('formats receipts', () => {
    expect(formatReceipt('DELIVRD', '000')).toBe('DELIVRD / 000');
    expect(formatReceipt(null, null)).toBe('');
  });
});

describe('misc', () => {
  it('maps the hash to a page, defaulting to send', () => {
    expect(pageFromHash('#/messages')).toBe('messages');
    expect(pageFromHash('#inbox')).toBe('inbox');
    expect(pageFromHash('')).toBe('send');
    expect(pageFromHash('#/nope')).toBe('send');
  });

  it('resolves the theme preference', () => {
    expect(parseThemePref('dark')).toBe('dark');
    expect(parseThemePref('bogus')).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('normalises invoke rejections into ApiError', () => {
    expect(toApiError({ code: 'ESME_RINVDSTADR', message: 'bad' })).toEqual({ code: 'ESME_RINVDSTADR', message: 'bad' });
    expect(toApiError('command list_x not found')).toEqual({ code: 'ipc', message: 'command list_x not found' });
    expect(toApiError(new Error('boom'))).toEqual({ code: 'ipc', message: 'boom' });
  });

  it('upserts binds by profile, ignoring older statuses', () => {
    const b = (
      state: BindStatus['state'],
      since: string,
      profileName = 'p1',
      bindIndex = 1,
    ): BindStatus => ({
      profileName,
      bindIndex,
      bindCount: 2,
      state,
      detail: null,
      host: 'h',
      port: 2775,
      bindType: 'TRX',
      systemId: 's',
      since,
      windowSize: 10,
      windowInUse: 0,
      rateLimit: null,
      ratePerSecond: 0,
      throttled: 0,
      timeouts: 0,
      reconnects: 0,
      backingOffUntil: null,
      notice: null,
    });
    let list = upsertBind([], b('Connecting', '2025-01-01T10:00:00Z'));
    list = upsertBind(list, b('Bound', '2025-01-01T10:00:01Z'));
    list = upsertBind(list, b('Connecting', '2025-01-01T09:59:00Z'));
    list = upsertBind(list, b('Error', '2025-01-01T10:00:00Z', 'p2'));
    expect(list.map((x) => `${x.profileName}:${x.state}`)).toEqual(['p1:Bound', 'p2:Error']);
    // A profile's second bind is an entry of its own.
    list = upsertBind(list, b('Connecting', '2025-01-01T10:00:02Z', 'p1', 2));
    list = upsertBind(list, b('Bound', '2025-01-01T10:00:03Z', 'p1', 2));
    expect(list.map((x) => `${x.profileName}#${x.bindIndex}:${x.state}`)).toEqual([
      'p1#1:Bound',
      'p2#1:Error',
      'p1#2:Bound',
    ]);

    // A refreshed snapshot of the same state brings fresh counters; a newer event still wins.
    const evented = { ...b('Bound', '2025-01-01T10:00:01Z'), ratePerSecond: 40 };
    const snapshot = { ...b('Bound', '2025-01-01T10:00:01Z'), ratePerSecond: 0, throttled: 3 };
    expect(mergeBinds([evented], [snapshot])[0]).toMatchObject({ ratePerSecond: 0, throttled: 3 });
    const newer = b('Error', '2025-01-01T10:00:05Z');
    expect(mergeBinds([newer], [snapshot])[0].state).toBe('Error');
  });
});
