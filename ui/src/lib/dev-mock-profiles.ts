// Dev-only stand-in for the Profiles commands (profiles, presets, keyring, test/connect), used
// by `npm run dev` and the unit tests. Same rules as console-core where the UI depends on them;
// no password is ever kept: the mock only remembers when one was set.
import type { ApiError } from '$lib/bindings/ApiError';
import type { ConnectionTest } from '$lib/bindings/ConnectionTest';
import type { CredentialStatus } from '$lib/bindings/CredentialStatus';
import type { FieldError } from '$lib/bindings/FieldError';
import type { ProfileExport } from '$lib/bindings/ProfileExport';
import type { ProfileInput } from '$lib/bindings/ProfileInput';
import type { ProfileView } from '$lib/bindings/ProfileView';
import type { ProviderPreset } from '$lib/bindings/ProviderPreset';
import type { SetPassword } from '$lib/bindings/SetPassword';
import { blankProfile, cloneProfile, passwordProblem } from '$lib/profiles';

export const MOCK_PRESETS: ProviderPreset[] = [
  {
    id: 'generic',
    label: 'Generic SMPP 3.4',
    host: null,
    port: 2775,
    tls: false,
    bindType: 'TRX',
    sessionInitMs: 10_000,
    enquireLinkMs: 30_000,
    responseTimeoutMs: 30_000,
    destTon: 1,
    destNpi: 1,
    encodings: ['GSM7', 'UCS2', 'Latin1', 'IA5'],
    notes: ['2775 is the customary SMPP port; use TLS wherever the SMSC offers it.'],
  },
  {
    id: 'telesign',
    label: 'Telesign',
    host: 'smpp.tsentcloud.com',
    port: 3550,
    tls: true,
    bindType: 'TRX',
    sessionInitMs: 10_000,
    enquireLinkMs: 30_000,
    responseTimeoutMs: 30_000,
    destTon: 1,
    destNpi: 1,
    encodings: ['GSM7', 'UCS2'],
    notes: ['Dev mock preset.'],
  },
  {
    id: 'twilio',
    label: 'Twilio',
    host: null,
    port: null,
    tls: true,
    bindType: 'TRX',
    sessionInitMs: 10_000,
    enquireLinkMs: 30_000,
    responseTimeoutMs: 30_000,
    destTon: 1,
    destNpi: 1,
    encodings: ['GSM7', 'UCS2'],
    notes: ['Dev mock preset.'],
  },
];

interface Stored {
  input: ProfileInput;
  builtin: boolean;
  createdAt: string;
  updatedAt: string;
  passwordSetAt: string | null;
  previousUntil: string | null;
  messageCount: number;
}

const fail = (code: string, message: string): ApiError => ({ code, message });

/** The mock's own checks (a subset of console-core's profile_validate). */
export function mockValidate(p: ProfileInput): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });
  if (!p.name.trim()) err('name', 'Give the profile a name, e.g. "Telesign production".');
  else if (p.name.trim() !== p.name) err('name', 'Remove the spaces at the start or end of the name.');
  if (!MOCK_PRESETS.some((x) => x.id === p.preset) && p.preset !== 'simulator') err('preset', `Unknown preset "${p.preset}".`);
  const hostOk = (h: string) => /^[A-Za-z0-9.\-:[\]]+$/.test(h);
  if (!p.host.trim()) err('host', "Enter the SMSC's host name or address, e.g. smpp.example.com.");
  else if (!hostOk(p.host)) err('host', `"${p.host}" is not a host name or IP address.`);
  if (!(p.port >= 1 && p.port <= 65535)) err('port', "Enter the SMSC's port (1-65535).");
  p.failoverHosts.forEach((h, i) => {
    if (!h.host.trim() || !hostOk(h.host)) err(`failoverHosts[${i}].host`, "Enter the SMSC's host name or address.");
    if (!(h.port >= 1 && h.port <= 65535)) err(`failoverHosts[${i}].port`, 'Enter a port from 1 to 65535.');
  });
  if (!p.systemId) err('systemId', 'Enter the system_id the provider gave you.');
  else if (p.systemId.length > 15) err('systemId', `The system_id has ${p.systemId.length} characters; SMPP allows at most 15.`);
  if (!(p.bindCount >= 1 && p.bindCount <= 32)) err('bindCount', 'Open from 1 to 32 binds.');
  if (!(p.settings.windowSize >= 1 && p.settings.windowSize <= 1000)) err('settings.windowSize', 'Use a window from 1 to 1000.');
  if (p.settings.rateLimit === 0) err('settings.rateLimit', 'A rate of 0 would send nothing: leave it empty for no limit.');
  if (p.settings.backoffMaxMs < p.settings.backoffInitialMs) err('settings.backoffMaxMs', 'The longest backoff cannot be shorter than the first.');
  if ((p.sourceTon === null) !== (p.sourceNpi === null)) err('sourceNpi', 'Set both the source TON and NPI, or neither.');
  return errors;
}

/** An in-memory profile store answering the profile commands like the backend. */
export class ProfileMock {
  #profiles = new Map<string, Stored>();
  /** Set to show what the page does when the OS keyring cannot be reached (?mock-keyring=locked). */
  keyringProblem: string | null = null;
  /** Called when a profile is connected (the caller shows its bind). */
  onConnect: (input: ProfileInput) => void = () => {};

  constructor(builtin: ProfileInput) {
    const now = new Date().toISOString();
    this.#profiles.set(builtin.name, {
      input: cloneProfile(builtin),
      builtin: true,
      createdAt: now,
      updatedAt: now,
      passwordSetAt: now,
      previousUntil: null,
      messageCount: 0,
    });
  }

  #get(name: string): Stored {
    const p = this.#profiles.get(name);
    if (!p) throw fail('unknown_profile', `no profile named "${name}"`);
    return p;
  }

  #view(s: Stored): ProfileView {
    return {
      profile: cloneProfile(s.input),
      builtin: s.builtin,
      credential: this.#status(s),
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      messageCount: (s.messageCount) as unknown as bigint,
    };
  }

  #status(s: Stored): CredentialStatus {
    if (s.builtin) {
      return { passwordSet: true, setAt: s.createdAt, previousValidUntil: null, store: 'local file', problem: null };
    }
    return {
      passwordSet: s.passwordSetAt !== null,
      setAt: s.passwordSetAt,
      previousValidUntil: s.previousUntil,
      store: 'keyring',
      problem: this.keyringProblem,
    };
  }

  #secret(name: string): Stored {
    const s = this.#get(name);
    if (s.builtin) throw fail('conflict', "The Local simulator's password is generated by the console; it cannot be set.");
    return s;
  }

  validate(input: ProfileInput, editing: string | null): FieldError[] {
    const errors = mockValidate(input);
    if (editing !== input.name && this.#profiles.has(input.name)) {
      errors.push({ field: 'name', message: `A profile named "${input.name}" exists: choose another name, or edit that one.` });
    }
    return errors;
  }

  #check(input: ProfileInput, editing: string | null): void {
    const errors = this.validate(input, editing);
    if (errors.length > 0) {
      throw fail('validation', `The profile was not saved. ${errors.map((e) => `${e.field}: ${e.message}`).join(' ')}`);
    }
  }

  list(): ProfileView[] {
    return [...this.#profiles.values()].sort((a, b) => Number(b.builtin) - Number(a.builtin)).map((s) => this.#view(s));
  }

  template(preset: string): ProfileInput {
    const p = MOCK_PRESETS.find((x) => x.id === preset);
    if (!p) throw fail('validation', `There is no provider preset "${preset}".`);
    const t = blankProfile();
    return {
      ...t,
      preset: p.id,
      host: p.host ?? '',
      port: p.port ?? 2775,
      tls: p.tls,
      bindType: p.bindType,
      settings: { ...t.settings, enquireLinkMs: p.enquireLinkMs, responseTimeoutMs: p.responseTimeoutMs },
      destTon: p.destTon,
      destNpi: p.destNpi,
    };
  }

  create(input: ProfileInput): ProfileView {
    this.#check(input, null);
    const now = new Date().toISOString();
    const s: Stored = { input: cloneProfile(input), builtin: false, createdAt: now, updatedAt: now, passwordSetAt: null, previousUntil: null, messageCount: 0 };
    this.#profiles.set(input.name, s);
    return this.#view(s);
  }

  update(name: string, input: ProfileInput): ProfileView {
    const s = this.#get(name);
    if (s.builtin) throw fail('conflict', 'The Local simulator profile is built in: duplicate it to make one you can edit.');
    this.#check(input, name);
    this.#profiles.delete(name);
    const next = { ...s, input: cloneProfile(input), updatedAt: new Date().toISOString() };
    this.#profiles.set(input.name, next);
    return this.#view(next);
  }

  duplicate(name: string, newName: string): ProfileView {
    const s = this.#get(name);
    const input = { ...cloneProfile(s.input), name: newName };
    if (s.builtin) input.preset = 'generic';
    return this.create(input);
  }

  delete(name: string): number {
    const s = this.#get(name);
    if (s.builtin) throw fail('conflict', 'The Local simulator profile is built in and cannot be deleted.');
    this.#profiles.delete(name);
    return s.messageCount;
  }

  export(names: string[]): string {
    for (const n of names) this.#get(n);
    const profiles = [...this.#profiles.values()]
      .filter((s) => (names.length === 0 ? !s.builtin : names.includes(s.input.name)))
      .map((s) => cloneProfile(s.input));
    const out: ProfileExport = { format: 'smpp-console-profiles', version: 1, profiles };
    return JSON.stringify(out, null, 2);
  }

  import(json: string, replace: boolean): string[] {
    let file: ProfileExport;
    try {
      file = JSON.parse(json) as ProfileExport;
    } catch (e) {
      throw fail('validation', `This is not a profiles file SMPP Console can read (${(e as Error).message}).`);
    }
    if (file?.format !== 'smpp-console-profiles' || file.version !== 1 || !Array.isArray(file.profiles)) {
      throw fail('validation', 'This file is not a version 1 "smpp-console-profiles" export.');
    }
    const inputs = file.profiles.map((p) => ({ ...blankProfile(), ...p }));
    const problems = inputs.flatMap((p) => mockValidate(p).map((e) => `${p.name}.${e.field}: ${e.message}`));
    if (problems.length > 0) throw fail('validation', `The profile was not saved. ${problems.join(' ')}`);
    const taken = inputs.filter((p) => {
      const old = this.#profiles.get(p.name);
      return old !== undefined && (old.builtin || !replace);
    });
    if (taken.length > 0) {
      throw fail('conflict', `Nothing was imported: profiles named ${taken.map((p) => p.name).join(', ')} exist already.`);
    }
    const now = new Date().toISOString();
    for (const p of inputs) {
      const old = this.#profiles.get(p.name);
      this.#profiles.set(
        p.name,
        old
          ? { ...old, input: p, updatedAt: now }
          : { input: p, builtin: false, createdAt: now, updatedAt: now, passwordSetAt: null, previousUntil: null, messageCount: 0 },
      );
    }
    return inputs.map((p) => p.name);
  }

  setPassword(name: string, req: SetPassword): CredentialStatus {
    const s = this.#secret(name);
    if (this.keyringProblem) throw fail('keyring', this.keyringProblem);
    const problem = passwordProblem(req.password ?? '');
    if (problem) throw fail('validation', problem);
    const hours = req.keepPreviousHours ?? 0;
    s.previousUntil = hours > 0 && s.passwordSetAt ? new Date(Date.now() + hours * 3_600_000).toISOString() : null;
    s.passwordSetAt = new Date().toISOString();
    return this.#status(s);
  }

  deletePassword(name: string): CredentialStatus {
    const s = this.#secret(name);
    s.passwordSetAt = null;
    s.previousUntil = null;
    return this.#status(s);
  }

  credentialStatus(name: string): CredentialStatus {
    return this.#status(this.#get(name));
  }

  testConnection(name: string): ConnectionTest {
    const s = this.#get(name);
    const addr = `${s.input.host}:${s.input.port}`;
    if (!s.builtin && s.passwordSetAt === null) {
      return { ok: false, summary: `No password is stored for ${name}: set it first.`, code: 'not_bound', elapsedMs: (0) as unknown as bigint, usedPreviousPassword: false };
    }
    return {
      ok: true,
      summary: `Bound as ${s.input.bindType} to ${addr}${s.input.tls ? ' over TLS' : ''} in 12 ms (SMSC system_id: MOCKSMSC).`,
      code: null,
      elapsedMs: (12) as unknown as bigint,
      usedPreviousPassword: false,
    };
  }

  connect(name: string): boolean {
    const s = this.#get(name);
    if (!s.builtin && s.passwordSetAt === null) {
      throw fail('not_bound', `No password is stored for ${name}: set it on the Profiles page.`);
    }
    this.onConnect(cloneProfile(s.input));
    return false;
  }

  /** Dispatches one command; undefined when it is not a profile command. */
  handle(cmd: string, args: Record<string, unknown>): { value: unknown } | undefined {
    const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : '');
    switch (cmd) {
      case 'list_profiles':
        return { value: this.list() };
      case 'provider_presets':
        return { value: MOCK_PRESETS };
      case 'profile_template':
        return { value: this.template(str('preset')) };
      case 'validate_profile':
        return { value: this.validate(args.input as ProfileInput, (args.editing as string | null) ?? null) };
      case 'create_profile':
        return { value: this.create(args.input as ProfileInput) };
      case 'update_profile':
        return { value: this.update(str('name'), args.input as ProfileInput) };
      case 'duplicate_profile':
        return { value: this.duplicate(str('name'), str('newName')) };
      case 'delete_profile':
        return { value: this.delete(str('name')) };
      case 'export_profiles':
        return { value: this.export((args.names as string[]) ?? []) };
      case 'import_profiles':
        return { value: this.import(str('json'), args.replace === true) };
      case 'set_password':
        return { value: this.setPassword(str('name'), args.request as SetPassword) };
      case 'delete_password':
        return { value: this.deletePassword(str('name')) };
      case 'credential_status':
        return { value: this.credentialStatus(str('name')) };
      case 'test_connection':
        return { value: this.testConnection(str('name')) };
      case 'connect_profile':
        return { value: this.connect(str('name')) };
      default:
        return undefined;
    }
  }
}
