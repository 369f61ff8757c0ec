import { describe, expect, it } from 'vitest';
import type { MessageView } from '../src/lib/bindings/MessageView';
import { filterMessages, mergeMessages, upsertMessage } from '../src/lib/messages';
import { messageView } from './message-fixture';

const msg = messageView;

const ids = (l: readonly MessageView[]) => l.map((m) => m.id);

describe('upsertMessage', () => {
  const a = msg('a', '2025-01-01T10:00:00.000Z');
  const b = msg('b', '2025-01-01T10:00:01.000Z');
  const c = msg('c', '2025-01-01T10:00:02.000Z');

  it('puts a new message in newest-first order', () => {
    let list: readonly MessageView[] = [];
    list = upsertMessage(list, b);
    list = upsertMessage(list, c);
    list = upsertMessage(list, a);
    expect(ids(list)).toEqual(['c', 'b', 'a']);
  });

  it('replaces by id without duplicating or reordering', () => {
    const list = [c, b, a];
    const moved = msg('b', b.createdAt, { state: 'Accepted', smscMessageId: 'x1', updatedAt: '2025-01-01T10:00:05.000Z' });
    const next = upsertMessage(list, moved);
    expect(ids(next)).toEqual(['c', 'b', 'a']);
    expect(next[1].state).toBe('Accepted');
    expect(next[1].smscMessageId).toBe('x1');
    expect(list[1].state).toBe('Queued'); // input untouched
  });

  it('ignores a copy older than the one held', () => {
    const accepted = msg('b', b.createdAt, { state: 'Accepted', updatedAt: '2025-01-01T10:00:05.000Z' });
    const stale = msg('b', b.createdAt, { state: 'Submitted', updatedAt: '2025-01-01T10:00:03.000Z' });
    const next = upsertMessage([c, accepted, a], stale);
    expect(next[1].state).toBe('Accepted');
  });

  it('accepts a copy with the same updatedAt (later event wins)', () => {
    const q = msg('a', a.createdAt, { state: 'Submitted' });
    expect(upsertMessage([a], q)[0].state).toBe('Submitted');
  });

  it('breaks createdAt ties by id, newest (larger UUIDv7) first', () => {
    const x = msg('0190-a', '2025-01-01T10:00:00.000Z');
    const y = msg('0190-b', '2025-01-01T10:00:00.000Z');
    expect(ids(upsertMessage([x], y))).toEqual(['0190-b', '0190-a']);
    expect(ids(upsertMessage([y], x))).toEqual(['0190-b', '0190-a']);
  });

  it('caps the list, dropping the oldest', () => {
    expect(ids(upsertMessage([c, b], a, 2))).toEqual(['c', 'b']);
    expect(ids(upsertMessage([b, a], c, 2))).toEqual(['c', 'b']);
  });
});

describe('mergeMessages', () => {
  it('keeps the newer copy of each message and sorts newest first', () => {
    const fromEvent = msg('a', '2025-01-01T10:00:00.000Z', { state: 'Delivered', updatedAt: '2025-01-01T10:00:09.000Z' });
    const loadedA = msg('a', '2025-01-01T10:00:00.000Z', { state: 'Accepted', updatedAt: '2025-01-01T10:00:02.000Z' });
    const loadedB = msg('b', '2025-01-01T10:00:01.000Z');
    const merged = mergeMessages([fromEvent], [loadedB, loadedA]);
    expect(ids(merged)).toEqual(['b', 'a']);
    expect(merged[1].state).toBe('Delivered');
  });
});

describe('filterMessages', () => {
  const list = [
    msg('id-1', '2025-01-01T10:00:00.000Z', { smscMessageId: 'ABC123', state: 'Delivered' }),
    msg('id-2', '2025-01-01T10:00:01.000Z', { direction: 'MO', source: '+447700900150', text: 'STOP' }),
  ];

  it('matches id, addresses, text and SMSC id, case-insensitively', () => {
    expect(ids(filterMessages(list, { query: 'abc1', state: '' }))).toEqual(['id-1']);
    expect(ids(filterMessages(list, { query: 'stop', state: '' }))).toEqual(['id-2']);
    expect(ids(filterMessages(list, { query: '900150', state: '' }))).toEqual(['id-2']);
    expect(ids(filterMessages(list, { query: 'ID-', state: '' }))).toEqual(['id-1', 'id-2']);
  });

  it('filters by state and direction', () => {
    expect(ids(filterMessages(list, { query: '', state: 'Delivered' }))).toEqual(['id-1']);
    expect(ids(filterMessages(list, { query: '', state: '', direction: 'MO' }))).toEqual(['id-2']);
  });
});
