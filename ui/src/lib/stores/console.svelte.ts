// Live state from the backend: messages (newest first) and bind statuses.
import { listBinds, listMessages, onConsoleEvent } from '$lib/api';
import { mergeBinds, upsertBind } from '$lib/binds';
import type { BindStatus } from '$lib/bindings/BindStatus';
import type { ConsoleEvent } from '$lib/bindings/ConsoleEvent';
import type { MessageView } from '$lib/bindings/MessageView';
import { MessageCoalescer } from '$lib/event-coalescer';
import { mergeMessages, upsertMessage } from '$lib/messages';
import { errors } from './errors.svelte';

class ConsoleStore {
  messages = $state.raw<readonly MessageView[]>([]);
  binds = $state.raw<readonly BindStatus[]>([]);
  messagesLoaded = $state(false);
  /** Set when the last list_messages failed (the banner has the details). */
  messagesFailed = $state(false);
  bindsLoaded = $state(false);
  #started = false;
  /**
   * A bulk send pushes thousands of message events a second: they are merged into the list
   * once per frame (one sort of the list) instead of one copy of it per event.
   */
  #messageEvents = new MessageCoalescer(
    (batch) => (this.messages = mergeMessages(this.messages, batch)),
    (run) => requestAnimationFrame(() => run()),
  );

  applyEvent(event: ConsoleEvent): void {
    if (event.kind === 'message') this.#messageEvents.push(event.message);
    else if (event.kind === 'bind') this.binds = upsertBind(this.binds, event.bind);
    // Events were dropped on the way: re-read rather than show stale states.
    else if (event.kind === 'missed') void Promise.all([this.loadMessages(), this.loadBinds()]);
  }

  upsertMessage(message: MessageView): void {
    this.messages = upsertMessage(this.messages, message);
  }

  /** Subscribes first, then loads, so no change between the two is missed. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    try {
      await onConsoleEvent((e) => this.applyEvent(e));
    } catch (e) {
      errors.report('Subscribing to live updates (console-event)', e);
    }
    await Promise.all([this.loadMessages(), this.loadBinds()]);
  }

  async loadMessages(): Promise<void> {
    try {
      this.messages = mergeMessages(this.messages, await listMessages());
      this.messagesFailed = false;
    } catch (e) {
      this.messagesFailed = true;
      errors.report('Loading messages (list_messages)', e);
    } finally {
      this.messagesLoaded = true;
    }
  }

  /** Drops a deleted profile's binds (a reload keeps binds it does not list; see mergeBinds). */
  forgetProfile(name: string): void {
    this.binds = this.binds.filter((b) => b.profileName !== name);
  }

  async loadBinds(): Promise<void> {
    try {
      this.binds = mergeBinds(this.binds, await listBinds());
    } catch (e) {
      errors.report('Loading bind status (list_binds)', e);
    } finally {
      this.bindsLoaded = true;
    }
  }
}

export const consoleState = new ConsoleStore();
