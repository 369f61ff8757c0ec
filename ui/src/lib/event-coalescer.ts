// Coalesces pushed message events so a bulk send (thousands of state changes a second) costs
// the table one update per animation frame, whatever the event rate.
import type { MessageView } from '$lib/bindings/MessageView';

/** Schedules `run` once, before the next frame (requestAnimationFrame in the app). */
export type FrameScheduler = (run: () => void) => void;

function time(s: string): number {
  const t = Date.parse(s);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Collects messages by id, keeping the newest copy (by updatedAt) of each, and hands them to
 * `apply` in one batch per frame: the first message after a flush schedules one; the rest of
 * the frame's messages only join the batch.
 */
export class MessageCoalescer {
  #pending = new Map<string, MessageView>();
  #scheduled = false;
  #stopped = false;
  readonly #schedule: FrameScheduler;
  readonly #apply: (batch: MessageView[]) => void;

  constructor(apply: (batch: MessageView[]) => void, schedule: FrameScheduler) {
    this.#apply = apply;
    this.#schedule = schedule;
  }

  push(message: MessageView): void {
    if (this.#stopped) return;
    const held = this.#pending.get(message.id);
    if (!held || time(message.updatedAt) >= time(held.updatedAt)) this.#pending.set(message.id, message);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }

  /** Applies what is pending now (the scheduled run calls this). */
  flush(): void {
    this.#scheduled = false;
    if (this.#stopped || this.#pending.size === 0) return;
    const batch = [...this.#pending.values()];
    this.#pending.clear();
    this.#apply(batch);
  }

  /** Drops what is pending and ignores later pushes (the table went away). */
  stop(): void {
    this.#stopped = true;
    this.#pending.clear();
  }
}
