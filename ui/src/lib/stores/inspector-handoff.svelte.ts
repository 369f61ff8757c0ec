// Hands a logged PDU's hex from another page (Trace) to the Inspector, which takes it once.
// Kept in memory only: PDU hex can hold credentials of third-party PDUs pasted later.
import { loggedPdu, toApiError } from '$lib/api';
import type { ApiError } from '$lib/bindings/ApiError';
import { nav } from '$lib/stores/nav.svelte';

class InspectorHandoff {
  pending = $state<{ hex: string; label: string } | null>(null);

  /** Loads PDU `id` from the log and opens it in the Inspector; the error if it cannot. */
  async open(id: number): Promise<ApiError | null> {
    try {
      const pdu = await loggedPdu(id);
      this.pending = { hex: pdu.hex, label: `${pdu.commandName} #${pdu.id} (${pdu.direction}, ${pdu.at})` };
      nav.go('inspector');
      return null;
    } catch (e) {
      return toApiError(e);
    }
  }

  /** The pending PDU, once. */
  take(): { hex: string; label: string } | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }
}

export const inspectorHandoff = new InspectorHandoff();
