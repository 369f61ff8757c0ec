// Profiles page logic without Svelte: form defaults, the form <-> ProfileInput conversion,
// field errors grouped by field, the password rotation choices and the confirm texts.
import type { BindStatus } from '$lib/bindings/BindStatus';
import type { CredentialStatus } from '$lib/bindings/CredentialStatus';
import type { FieldError } from '$lib/bindings/FieldError';
import type { BindSettings } from '$lib/bindings/BindSettings';
import type { ProfileInput } from '$lib/bindings/ProfileInput';
import type { ProfileView } from '$lib/bindings/ProfileView';
import { formatDateTime } from '$lib/format';

/** SMPP 3.4 and 5.0 give the password 9 octets: 8 characters and the NUL. */
export const PASSWORD_MAX = 8;

/** How long a replaced password stays usable: Telesign's reset windows. */
export const ROTATION_CHOICES = [
  { id: 'immediately', label: 'immediately (forget it)', hours: 0 },
  { id: '1h', label: '1 hour', hours: 1 },
  { id: '24h', label: '24 hours', hours: 24 },
  { id: '7d', label: '7 days', hours: 7 * 24 },
  { id: '30d', label: '30 days', hours: 30 * 24 },
  { id: '60d', label: '60 days', hours: 60 * 24 },
  { id: '90d', label: '90 days', hours: 90 * 24 },
] as const;

export type RotationChoice = (typeof ROTATION_CHOICES)[number]['id'];

/** SetPassword.keepPreviousHours for a rotation choice (null: forget the old password now). */
export function keepPreviousHours(choice: RotationChoice): number | null {
  const hours = ROTATION_CHOICES.find((c) => c.id === choice)?.hours ?? 0;
  return hours > 0 ? hours : null;
}

/** Bind types; "TX+RX" opens a transmitter and a receiver session per bind (for SMSCs
 *  without transceiver binds). */
export const BIND_TYPES = [
  { id: 'TRX', label: 'TRX (transceiver)' },
  { id: 'TX', label: 'TX (transmitter only)' },
  { id: 'RX', label: 'RX (receiver only)' },
  { id: 'TX+RX', label: 'TX+RX (a pair per bind)' },
] as const;
export const INTERFACE_VERSIONS = ['3.4', '5.0'] as const;
export const ENCODINGS = [
  { id: 'auto', label: 'Auto (GSM 7-bit, else UCS2)' },
  { id: 'gsm7', label: 'GSM 7-bit' },
  { id: 'ucs2', label: 'UCS2' },
  { id: 'latin1', label: 'Latin-1' },
  { id: 'ia5', label: 'IA5 (ASCII)' },
] as const;
export const CONCAT_METHODS = [
  { id: 'udh8', label: 'UDH, 8-bit reference' },
  { id: 'udh16', label: 'UDH, 16-bit reference' },
  { id: 'sar', label: 'SAR TLVs' },
  { id: 'payload', label: 'message_payload (one PDU)' },
] as const;
export const TONS = [
  { value: 0, label: '0 Unknown' },
  { value: 1, label: '1 International' },
  { value: 2, label: '2 National' },
  { value: 3, label: '3 Network specific' },
  { value: 4, label: '4 Subscriber number' },
  { value: 5, label: '5 Alphanumeric' },
  { value: 6, label: '6 Abbreviated' },
] as const;
export const NPIS = [
  { value: 0, label: '0 Unknown' },
  { value: 1, label: '1 E.164 (ISDN)' },
  { value: 3, label: '3 Data (X.121)' },
  { value: 4, label: '4 Telex' },
  { value: 6, label: '6 Land mobile' },
  { value: 8, label: '8 National' },
  { value: 9, label: '9 Private' },
  { value: 10, label: '10 ERMES' },
  { value: 14, label: '14 Internet (IP)' },
  { value: 18, label: '18 WAP client id' },
] as const;

/** The defaults console_core's ProfileInput::default() gives (a form before any preset). */
export function blankProfile(): ProfileInput {
  return {
    name: '',
    preset: 'generic',
    host: '',
    port: 2775,
    failoverHosts: [],
    tls: false,
    caFile: null,
    clientCertFile: null,
    clientKeyFile: null,
    serverName: null,
    systemId: '',
    systemType: '',
    bindType: 'TRX',
    bindCount: 1,
    interfaceVersion: '3.4',
    addressRange: '',
    settings: {
      windowSize: 10,
      rateLimit: null,
      responseTimeoutMs: 30_000,
      enquireLinkMs: 30_000,
      throttleRetryDelayMs: 1_000,
      throttleRetryLimit: 5,
      resubmitUnanswered: false,
      reconnectWaitMs: 30_000,
      backoffInitialMs: 1_000,
      backoffMaxMs: 30_000,
    },
    sourceAddr: '',
    sourceTon: null,
    sourceNpi: null,
    destTon: 1,
    destNpi: 1,
    defaultEncoding: 'auto',
    concatMethod: 'udh8',
    requestReceipt: true,
  };
}

/** A deep copy to edit (the list's copy stays untouched until saved). */
export function cloneProfile(p: ProfileInput): ProfileInput {
  return JSON.parse(JSON.stringify(p)) as ProfileInput;
}

/** A new form from a preset's template, keeping what the user already typed that no preset sets. */
export function applyTemplate(template: ProfileInput, typed: ProfileInput | null): ProfileInput {
  const next = cloneProfile(template);
  if (typed) {
    next.name = typed.name;
    next.systemId = typed.systemId;
    next.systemType = typed.systemType;
    next.sourceAddr = typed.sourceAddr;
    // A preset without a host (the provider gives one per account) keeps the typed one.
    if (!next.host) next.host = typed.host;
  }
  return next;
}

/** The bind settings the Traffic section edits as whole numbers (the rate limit, which may be
 *  empty, and the resubmit switch are separate). */
type NumericSetting = Exclude<keyof BindSettings, 'rateLimit' | 'resubmitUnanswered'>;

export const TRAFFIC_NUMBERS: readonly { key: NumericSetting; id: string; label: string; min: number; hint?: string }[] = [
  { key: 'windowSize', id: 'pf-window-size', label: 'Window', min: 1, hint: 'Outstanding submit_sm.' },
  { key: 'responseTimeoutMs', id: 'pf-response-timeout', label: 'Response timeout (ms)', min: 100 },
  { key: 'enquireLinkMs', id: 'pf-enquire-link', label: 'Enquire link (ms)', min: 1000 },
  { key: 'throttleRetryDelayMs', id: 'pf-throttle-retry-delay', label: 'Throttle retry delay (ms)', min: 0 },
  { key: 'throttleRetryLimit', id: 'pf-throttle-retry-limit', label: 'Throttle retries', min: 0 },
  { key: 'reconnectWaitMs', id: 'pf-reconnect-wait', label: 'Wait for a lost bind (ms)', min: 0 },
  { key: 'backoffInitialMs', id: 'pf-backoff-initial', label: 'Backoff, first (ms)', min: 10 },
  { key: 'backoffMaxMs', id: 'pf-backoff-max', label: 'Backoff, longest (ms)', min: 10 },
];

/** Number fields the form needs a value in (an emptied number input gives null). */
const REQUIRED_NUMBERS: { field: string; get: (p: ProfileInput) => unknown; set: (p: ProfileInput) => void }[] = [
  { field: 'port', get: (p) => p.port, set: (p) => (p.port = 0) },
  { field: 'bindCount', get: (p) => p.bindCount, set: (p) => (p.bindCount = 0) },
  ...TRAFFIC_NUMBERS.map(({ key }) => ({
    field: `settings.${key}`,
    get: (p: ProfileInput) => p.settings[key],
    set: (p: ProfileInput) => {
      p.settings[key] = 0;
    },
  })),
];

function isWholeNumber(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

/**
 * The form as the backend takes it: optional texts emptied to null, and the problems the
 * backend cannot see (a number field left empty or not a whole number; it is sent as 0).
 */
export function formToInput(form: ProfileInput): { input: ProfileInput; errors: FieldError[] } {
  const input = cloneProfile(form);
  const errors: FieldError[] = [];
  for (const n of REQUIRED_NUMBERS) {
    if (!isWholeNumber(n.get(input))) {
      errors.push({ field: n.field, message: 'Enter a whole number.' });
      n.set(input);
    }
  }
  input.failoverHosts.forEach((h, i) => {
    if (!isWholeNumber(h.port)) {
      errors.push({ field: `failoverHosts[${i}].port`, message: 'Enter a port from 1 to 65535.' });
      h.port = 0;
    }
  });
  const rate = input.settings.rateLimit as unknown;
  if (rate === undefined || rate === '' || (typeof rate === 'number' && Number.isNaN(rate))) {
    input.settings.rateLimit = null;
  } else if (rate !== null && !isWholeNumber(rate)) {
    errors.push({ field: 'settings.rateLimit', message: 'Enter a whole number of segments per second, or leave it empty for no limit.' });
    input.settings.rateLimit = null;
  }
  for (const key of ['caFile', 'clientCertFile', 'clientKeyFile', 'serverName'] as const) {
    const v = input[key];
    input[key] = v === null || v.trim() === '' ? null : v.trim();
  }
  input.host = input.host.trim();
  input.failoverHosts = input.failoverHosts.map((h) => ({ host: h.host.trim(), port: h.port }));
  return { input, errors };
}

export type FieldErrors = Readonly<Record<string, readonly string[]>>;

/** Field errors by field name, in the order given (the form shows each next to its field). */
export function groupFieldErrors(errors: readonly FieldError[]): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    (out[e.field] ??= []).push(e.message);
  }
  return out;
}

/** Errors of fields the form has no control for (shown in a list above the buttons). */
export function unplacedErrors(errors: readonly FieldError[], placed: (field: string) => boolean): FieldError[] {
  return errors.filter((e) => !placed(e.field));
}

/** The form's field names (FieldError.field values it shows inline). */
export function isFormField(field: string): boolean {
  return FORM_FIELDS.has(field) || /^failoverHosts\[\d+\]\.(host|port)$/.test(field);
}

const FORM_FIELDS = new Set([
  'name',
  'preset',
  'host',
  'port',
  'tls',
  'caFile',
  'clientCertFile',
  'clientKeyFile',
  'serverName',
  'systemId',
  'systemType',
  'bindType',
  'bindCount',
  'interfaceVersion',
  'addressRange',
  'settings.windowSize',
  'settings.rateLimit',
  'settings.responseTimeoutMs',
  'settings.enquireLinkMs',
  'settings.throttleRetryDelayMs',
  'settings.throttleRetryLimit',
  'settings.resubmitUnanswered',
  'settings.reconnectWaitMs',
  'settings.backoffInitialMs',
  'settings.backoffMaxMs',
  'sourceAddr',
  'sourceTon',
  'sourceNpi',
  'destTon',
  'destNpi',
  'defaultEncoding',
  'concatMethod',
  'requestReceipt',
]);

/** Local problems first, then the backend's, without repeating a field the form already flags locally. */
export function mergeFieldErrors(local: readonly FieldError[], remote: readonly FieldError[]): FieldError[] {
  const localFields = new Set(local.map((e) => e.field));
  return [...local, ...remote.filter((e) => !localFields.has(e.field))];
}

/** Whether the form differs from the saved profile. */
export function isDirty(form: ProfileInput, saved: ProfileInput | null): boolean {
  return saved === null || JSON.stringify(form) !== JSON.stringify(saved);
}

/** "Password set 3 Dec 2026, 10:12" or "No password"; never the password. */
export function credentialLabel(status: CredentialStatus): string {
  if (!status.passwordSet) return 'No password';
  return status.setAt ? `Password set ${formatDateTime(status.setAt)}` : 'Password set';
}

/** The Delete dialog's text: everything that happens, in plain words. */
export function deleteConsequences(view: ProfileView): string[] {
  const name = view.profile.name;
  const n = Number(view.messageCount);
  const lines = [
    `Any bind of "${name}" is disconnected.`,
    view.credential.passwordSet || view.credential.previousValidUntil
      ? `Its password is removed from the OS keyring.`
      : 'It has no password in the OS keyring.',
    n === 0
      ? 'No messages were logged through it.'
      : `${n} logged ${n === 1 ? 'message stays' : 'messages stay'} in the log (shown as sent through "${name} (deleted …)").`,
  ];
  return lines;
}

/** The default name offered for a copy: "NAME copy", "NAME copy 2", ... not yet taken. */
export function copyName(name: string, taken: readonly string[]): string {
  const base = `${name} copy`;
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base} ${i}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/** A data: URL to download `json` as a file (the Export dialog's link). */
export function jsonDownloadHref(json: string): string {
  return `data:application/json;charset=utf-8,${encodeURIComponent(json)}`;
}

/** The export's file name, e.g. smpp-profiles-2026-12-03.json. */
export function exportFileName(now: Date): string {
  return `smpp-profiles-${now.toISOString().slice(0, 10)}.json`;
}

/** A password's problem before it is sent (the backend checks again); never repeats it. */
export function passwordProblem(password: string): string | null {
  if (password.length === 0) return 'Enter the password the provider gave you.';
  if ([...password].length > PASSWORD_MAX) return `SMPP allows at most ${PASSWORD_MAX} characters.`;
  if (!/^[\x20-\x7e]+$/.test(password)) return 'Use printable ASCII characters only (no accents, tabs or line breaks).';
  return null;
}

/** Calls `fn` once `ms` after the last `schedule`; `cancel` drops a pending call. */
export function debounce(fn: () => void, ms: number): { schedule: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, ms);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * The Send page's profile choice: each profile with binds once, in the bind list's order,
 * with how many of its binds are Bound.
 */
export function sendableProfiles(binds: readonly BindStatus[]): { name: string; bound: number; total: number }[] {
  const out: { name: string; bound: number; total: number }[] = [];
  for (const b of binds) {
    let entry = out.find((e) => e.name === b.profileName);
    if (!entry) {
      entry = { name: b.profileName, bound: 0, total: 0 };
      out.push(entry);
    }
    entry.total += 1;
    if (b.state === 'Bound') entry.bound += 1;
  }
  return out;
}

/** "Bound", "2 of 3 bound" or "not bound", for the Send page's profile choice. */
export function sendableLabel(p: { bound: number; total: number }): string {
  if (p.bound === 0) return 'not bound';
  if (p.total === 1) return 'Bound';
  return `${p.bound} of ${p.total} bound`;
}
