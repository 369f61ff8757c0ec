// Pushed message events reach the table at most once per frame, newest copy per message.
import { describe, expect, it } from 'vitest';
import type { MessageView } from '$lib/bindings/MessageView';
import { messageView } from '../../tests/message-fixture';
import { MessageCoalescer } from './event-coalescer';

function msg(id: string, state: MessageView['state'], updatedAt: string): MessageView {
  return messageView(id, '2026-12-03T10:00:00.000Z', { state, updatedAt });
}


/** A frame scheduler the test advances by hand. */
function frames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (run: () => void) => queued.push(run),
    get pending() {
      return queued.length;
    },
    next() {
      const runs = queued.splice(0);
      for (const r of runs) r();
    },
  };
}

describe('MessageCoalescer', () => {
  it('applies thousands of events in one batch per frame', () => {
    const f = frames();
    const batches: MessageView[][] = [];
    const c = new MessageCoalescer((b) => batches.push(b), f.schedule);
    for (let i = 0; i < 5000; i++) c.push(msg(`m${i % 2000}`, 'Submitted', `2026-12-03T10:00:0${i % 3}.000Z`));
    expect(f.pending).toBe(1);
    expect(batches).toHaveLength(0);
    f.next();
    expect(batches).toHaveLength(1);
    // One entry per message, however many events it had.
    expect(batches[0]).toHaveLength(2000);
    // Nothing pending: no further frame is asked for until the next event.
    expect(f.pending).toBe(0);
    c.push(msg('m1', 'Delivered', '2026-12-03T10:00:09.000Z'));
    expect(f.pending).toBe(1);
    f.next();
    expect(batches).toHaveLength(2);
    expect(batches[1]).toEqual([msg('m1', 'Delivered', '2026-12-03T10:00:09.000Z')]);
  });

  it('keeps the newest copy of a message when events come out of order', () => {
    const f = frames();
    const batches: MessageView[][] = [];
    const c = new MessageCoalescer((b) => batches.push(b), f.schedule);
    c.push(msg('a', 'Delivered', '2026-12-03T10:00:03.000Z'));
    c.push(msg('a', 'Accepted', '2026-12-03T10:00:01.000Z'));
    f.next();
    expect(batches[0].map((m) => m.state)).toEqual(['Delivered']);
  });

  it('drops what is pending once stopped', () => {
    const f = frames();
    const batches: MessageView[][] = [];
    const c = new MessageCoalescer((b) => batches.push(b), f.schedule);
    c.push(msg('a', 'Queued', '2026-12-03T10:00:00.000Z'));
    c.stop();
    f.next();
    c.push(msg('b', 'Queued', '2026-12-03T10:00:00.000Z'));
    f.next();
    expect(batches).toHaveLength(0);
  });
});
