// One MessageView for tests: a queued one-part MT message, changed by `patch`.
import type { MessageView } from '../src/lib/bindings/MessageView';

export function messageView(id: string, createdAt: string, patch: Partial<MessageView> = {}): MessageView {
  return {
    id,
    profileName: 'local-sim',
    direction: 'MT',
    source: 'Acme',
    destination: '+447700900123',
    text: 'hello',
    dataCoding: 'GSM7',
    parts: 1,
    requestDlr: true,
    state: 'Queued',
    smscMessageId: null,
    error: null,
    receiptStat: null,
    receiptErr: null,
    createdAt,
    updatedAt: createdAt,
    ...patch,
  };
}
