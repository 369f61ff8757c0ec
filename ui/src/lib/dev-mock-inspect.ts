// Dev-only stand-in for inspect_pdus, used by dev-mock.ts. Answers with real dissections saved
// from the Rust side (`smppctl decode --json`, see dev-fixtures/): a whole input that matches a
// fixture gets it as is; otherwise each PDU that matches a single-PDU fixture is taken from it
// (offsets moved), and any other PDU gets its header only, its body as raw octets.
import type { ApiError } from '$lib/bindings/ApiError';
import type { DissectedPdu } from '$lib/bindings/DissectedPdu';
import type { Dissection } from '$lib/bindings/Dissection';
import type { Field } from '$lib/bindings/Field';
import type { InspectRequest } from '$lib/bindings/InspectRequest';
import { hex2, parseHex } from '$lib/inspector';
import bind from './dev-fixtures/bind-transceiver.json';
import bindShown from './dev-fixtures/bind-transceiver-shown.json';
import deliverReceipt from './dev-fixtures/deliver-sm-receipt.json';
import submitUcs2 from './dev-fixtures/submit-sm-ucs2-udh.json';
import submitRespTrailing from './dev-fixtures/submit-sm-resp-trailing.json';
import submitRespTruncated from './dev-fixtures/submit-sm-resp-truncated.json';
import submit from './dev-fixtures/submit-sm.json';
import threePdus from './dev-fixtures/three-pdus.json';

export interface Fixture {
  hex: string;
  showPasswords: boolean;
  dissection: Dissection;
}

export const FIXTURES: Record<string, Fixture> = {
  bind: bind as Fixture,
  bindShown: bindShown as Fixture,
  submit: submit as Fixture,
  deliverReceipt: deliverReceipt as Fixture,
  submitUcs2: submitUcs2 as Fixture,
  threePdus: threePdus as Fixture,
  submitRespTruncated: submitRespTruncated as Fixture,
  submitRespTrailing: submitRespTrailing as Fixture,
};

const HEADER_LEN = 16;

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, hex2).join('');
}

function key(bytes: Uint8Array, showPasswords: boolean): string {
  return `${showPasswords ? 'shown' : 'masked'}:${toHex(bytes)}`;
}

const byInput = new Map<string, Fixture>();
for (const f of Object.values(FIXTURES)) {
  const parsed = parseHex(f.hex);
  if (!parsed.ok) continue;
  byInput.set(key(parsed.bytes, f.showPasswords), f);
  // Fixtures without a password read the same either way.
  if (!f.dissection.pdus.some((p) => p.command_name.startsWith('bind_') || p.command_name === 'outbind')) {
    byInput.set(key(parsed.bytes, !f.showPasswords), f);
  }
}

const moveText = (s: string, by: number) => s.replace(/\bat offset (\d+)/g, (_, n: string) => `at offset ${Number(n) + by}`);

function moveField(f: Field, by: number): Field {
  return {
    ...f,
    offset: f.offset + by,
    warning: f.warning === null ? null : moveText(f.warning, by),
    children: f.children.map((c) => moveField(c, by)),
  };
}

/** A PDU's dissection as if it started `by` octets later in the input. */
export function movePdu(p: DissectedPdu, by: number): DissectedPdu {
  return {
    ...p,
    offset: p.offset + by,
    fields: p.fields.map((f) => moveField(f, by)),
    warnings: p.warnings.map((w) => moveText(w, by)),
    error: p.error === null ? null : moveText(p.error, by),
  };
}

const COMMANDS: Record<number, string> = {
  0x00000001: 'bind_receiver',
  0x00000002: 'bind_transmitter',
  0x00000003: 'query_sm',
  0x00000004: 'submit_sm',
  0x00000005: 'deliver_sm',
  0x00000006: 'unbind',
  0x00000007: 'replace_sm',
  0x00000008: 'cancel_sm',
  0x00000009: 'bind_transceiver',
  0x0000000b: 'outbind',
  0x00000015: 'enquire_link',
  0x00000021: 'submit_multi',
  0x00000102: 'alert_notification',
  0x00000103: 'data_sm',
  0x80000000: 'generic_nack',
};

function commandName(id: number): string {
  const name = COMMANDS[id] ?? COMMANDS[id & 0x7fffffff];
  if (!name) return `unknown command 0x${id.toString(16).toUpperCase().padStart(8, '0')}`;
  return id & 0x80000000 && !COMMANDS[id] ? `${name}_resp` : name;
}

const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const hex32 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

function field(name: string, bytes: Uint8Array, at: number, length: number, value: string, meaning: string | null = null): Field {
  return { name, offset: at, length, raw_hex: toHex(bytes.subarray(at, at + length)), value, meaning, children: [], warning: null };
}

/** What the dev mock says about a PDU it has no fixture for: the header, then raw octets. */
function headerOnly(bytes: Uint8Array, at: number, length: number): DissectedPdu {
  const id = u32(bytes, at + 4);
  const status = u32(bytes, at + 8);
  const name = commandName(id);
  const fields = [
    field('command_length', bytes, at, 4, String(u32(bytes, at))),
    field('command_id', bytes, at + 4, 4, hex32(id), name),
    field('command_status', bytes, at + 8, 4, hex32(status), status === 0 ? 'ESME_ROK: No error: the request was accepted.' : null),
    field('sequence_number', bytes, at + 12, 4, String(u32(bytes, at + 12))),
  ];
  const body = length - HEADER_LEN;
  if (body > 0) {
    fields.push({
      ...field('body', bytes, at + HEADER_LEN, body, `${body} octets`),
      warning: 'dev mock: no fixture for this PDU, so the body is not dissected (run the app for the real dissection)',
    });
  }
  const warnings = fields.filter((f) => f.warning).map((f) => `${f.name} at offset ${f.offset}: ${f.warning}`);
  return {
    offset: at,
    length,
    command_id: id,
    command_name: name,
    command_status: status,
    status_name: status === 0 ? 'ESME_ROK' : hex32(status),
    status_description: status === 0 ? 'No error: the request was accepted.' : 'dev mock: status not looked up',
    sequence_number: u32(bytes, at + 12),
    fields,
    warnings,
    error: null,
  };
}

/** The dev mock's own dissection: fixtures per PDU where it has them, headers otherwise. */
export function dissectLoosely(bytes: Uint8Array, showPasswords: boolean): Dissection {
  const out: Dissection = { pdus: [], trailing: null, warnings: [] };
  let pos = 0;
  while (pos < bytes.length) {
    const rest = bytes.length - pos;
    const length = rest >= HEADER_LEN ? u32(bytes, pos) : 0;
    if (rest < HEADER_LEN || length < HEADER_LEN || length > rest) {
      out.trailing = {
        ...field('trailing', bytes, pos, rest, `${rest} octets`),
        warning: 'dev mock: not a complete PDU (the real inspector explains truncated PDUs)',
      };
      out.warnings.push(`${rest} octet(s) at offset ${pos} were not dissected as a PDU (dev mock)`);
      break;
    }
    const one = bytes.subarray(pos, pos + length);
    const known = byInput.get(key(one, showPasswords));
    out.pdus.push(known?.dissection.pdus.length === 1 ? movePdu(known.dissection.pdus[0], pos) : headerOnly(bytes, pos, length));
    pos += length;
  }
  if (out.pdus.length > 1) out.warnings.unshift(`the input holds ${out.pdus.length} PDUs`);
  return out;
}

/** inspect_pdus as the dev mock answers it; throws an ApiError like the backend for bad hex. */
export function mockInspectPdus(req: InspectRequest): Dissection {
  if (!req.hex.trim()) {
    throw { code: 'validation', message: 'Paste the PDU as hex, e.g. 00000010 00000015 00000000 00000001.' } satisfies ApiError;
  }
  const parsed = parseHex(req.hex);
  if (!parsed.ok) throw { code: 'validation', message: `${parsed.message}. Paste hex digits only.` } satisfies ApiError;
  if (parsed.bytes.length === 0) return { pdus: [], trailing: null, warnings: ['the input is empty'] };
  return byInput.get(key(parsed.bytes, req.showPasswords))?.dissection ?? dissectLoosely(parsed.bytes, req.showPasswords);
}
