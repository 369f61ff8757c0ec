// The Send form and its last result; kept here so it survives switching pages.
import { sendMessage, toApiError } from '$lib/api';
import type { ApiError } from '$lib/bindings/ApiError';
import type { MessageView } from '$lib/bindings/MessageView';
import { consoleState } from './console.svelte';

export type SendResult =
  | { kind: 'message'; message: MessageView }
  | { kind: 'error'; error: ApiError };

class SendStore {
  from = $state('SMPPConsole');
  to = $state('');
  text = $state('');
  requestDlr = $state(true);
  /** The profile to send through ('' = the first bound one). */
  profile = $state('');
  sending = $state(false);
  /** Set by a submit that failed validation; the problems then update as the user types. */
  attempted = $state(false);
  validation: readonly string[] = $derived(this.attempted ? this.validate() : []);
  result = $state.raw<SendResult | null>(null);

  /** Problems that stop a send before it reaches the backend. */
  validate(): string[] {
    const problems: string[] = [];
    if (!this.to.trim()) problems.push('Enter a destination address.');
    if (!this.text.trim()) problems.push('Enter the message text.');
    return problems;
  }

  async submit(): Promise<void> {
    if (this.sending) return;
    if (this.validate().length > 0) {
      this.attempted = true;
      return;
    }
    this.attempted = false;
    this.sending = true;
    try {
      const outcome = await sendMessage({
        from: this.from.trim(),
        to: this.to.trim(),
        text: this.text,
        requestDlr: this.requestDlr,
      }, this.profile === '' ? null : this.profile);
      consoleState.upsertMessage(outcome.message);
      this.result = { kind: 'message', message: outcome.message };
    } catch (e) {
      this.result = { kind: 'error', error: toApiError(e) };
    } finally {
      this.sending = false;
    }
  }
}

export const sendForm = new SendStore();
