// Profiles page logic: rotation windows, field errors, form defaults and conversion, texts.
import { describe, expect, it, vi } from 'vitest';
import type { ProfileView } from '../src/lib/bindings/ProfileView';
import { MOCK_PRESETS, ProfileMock, mockValidate } from '../src/lib/dev-mock-profiles';
import {
  ROTATION_CHOICES,
  applyTemplate,
  blankProfile,
  copyName,
  credentialLabel,
  debounce,
  deleteConsequences,
  exportFileName,
  formToInput,
  groupFieldErrors,
  isDirty,
  isFormField,
  jsonDownloadHref,
  keepPreviousHours,
  mergeFieldErrors,
  passwordProblem,
  sendableLabel,
  sendableProfiles,
  unplacedErrors,
} from '../src/lib/profiles';

function view(patch: Partial<ProfileView> = {}): ProfileView {
  return {
    profile: { ...blankProfile(), name: 'Acme', host: 'smpp.acme.test', systemId: 'acme' },
    builtin: false,
    credential: { passwordSet: true, setAt: '2026-12-03T10:00:00Z', previousValidUntil: null, store: 'keyring', problem: null },
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    messageCount: 3 as unknown as bigint,
    ...patch,
  };
}

describe('password rotation choices', () => {
  it("maps Telesign's windows to keepPreviousHours", () => {
    expect(ROTATION_CHOICES.map((c) => c.id)).toEqual(['immediately', '1h', '24h', '7d', '30d', '60d', '90d']);
    expect(keepPreviousHours('immediately')).toBeNull();
    expect(keepPreviousHours('1h')).toBe(1);
    expect(keepPreviousHours('24h')).toBe(24);
    expect(keepPreviousHours('7d')).toBe(168);
    expect(keepPreviousHours('30d')).toBe(720);
    expect(keepPreviousHours('60d')).toBe(1440);
    expect(keepPreviousHours('90d')).toBe(2160);
  });

  it('checks a password without repeating it', () => {
    expect(passwordProblem('')).toMatch(/Enter the password/);
    expect(passwordProblem('secret12')).toBeNull();
    const long = passwordProblem('toolongpw');
    expect(long).toMatch(/at most 8/);
    expect(long).not.toContain('toolongpw');
    expect(passwordProblem('pässwd')).toMatch(/ASCII/);
    expect(passwordProblem('ab\tc')).toMatch(/ASCII/);
  });
});

describe('field errors', () => {
  it('groups messages by field, keeping their order', () => {
    const g = groupFieldErrors([
      { field: 'host', message: 'a' },
      { field: 'settings.windowSize', message: 'b' },
      { field: 'host', message: 'c' },
      { field: 'failoverHosts[1].port', message: 'd' },
    ]);
    expect(g).toEqual({ host: ['a', 'c'], 'settings.windowSize': ['b'], 'failoverHosts[1].port': ['d'] });
    expect(groupFieldErrors([])).toEqual({});
  });

  it('knows which fields the form shows inline', () => {
    expect(isFormField('systemId')).toBe(true);
    expect(isFormField('settings.backoffMaxMs')).toBe(true);
    expect(isFormField('failoverHosts[0].host')).toBe(true);
    expect(isFormField('failoverHosts[12].port')).toBe(true);
    expect(isFormField('failoverHosts[0].name')).toBe(false);
    expect(isFormField('import')).toBe(false);
    const errs = [
      { field: 'host', message: 'x' },
      { field: 'somethingNew', message: 'y' },
    ];
    expect(unplacedErrors(errs, isFormField)).toEqual([{ field: 'somethingNew', message: 'y' }]);
  });

  it('prefers the local message for a field checked on both sides', () => {
    const merged = mergeFieldErrors(
      [{ field: 'port', message: 'Enter a whole number.' }],
      [
        { field: 'port', message: "Enter the SMSC's port" },
        { field: 'host', message: 'Enter the host' },
      ],
    );
    expect(merged).toEqual([
      { field: 'port', message: 'Enter a whole number.' },
      { field: 'host', message: 'Enter the host' },
    ]);
  });
});

describe('form defaults and conversion', () => {
  it("starts from console_core's ProfileInput::default()", () => {
    const p = blankProfile();
    expect(p).toMatchObject({
      preset: 'generic',
      port: 2775,
      tls: false,
      bindType: 'TRX',
      bindCount: 1,
      interfaceVersion: '3.4',
      destTon: 1,
      destNpi: 1,
      sourceTon: null,
      defaultEncoding: 'auto',
      concatMethod: 'udh8',
      requestReceipt: true,
    });
    expect(p.settings).toMatchObject({ windowSize: 10, rateLimit: null, enquireLinkMs: 30000, backoffMaxMs: 30000 });
    // Each call is a fresh object.
    blankProfile().failoverHosts.push({ host: 'x', port: 1 });
    expect(blankProfile().failoverHosts).toEqual([]);
  });

  it('applies a preset, keeping what the user typed that presets do not set', () => {
    const mock = new ProfileMock({ ...blankProfile(), name: 'Local simulator', host: '127.0.0.1', systemId: 'c' });
    const typed = { ...blankProfile(), name: 'Mine', systemId: 'me', host: 'smsc.example.com' };
    const telesign = applyTemplate(mock.template('telesign'), typed);
    expect(telesign).toMatchObject({ name: 'Mine', systemId: 'me', preset: 'telesign', host: 'smpp.tsentcloud.com', port: 3550, tls: true });
    const twilio = applyTemplate(mock.template('twilio'), typed);
    expect(twilio.host).toBe('smsc.example.com');
    expect(applyTemplate(mock.template('generic'), null).host).toBe('');
  });

  it('turns emptied optional texts into null and flags emptied numbers', () => {
    const form = blankProfile();
    form.caFile = '  ';
    form.serverName = ' smsc.example.com ';
    form.host = ' h.example ';
    (form as unknown as { port: null }).port = null;
    (form.settings as unknown as { windowSize: number }).windowSize = 2.5;
    form.failoverHosts = [{ host: ' b.example ', port: null as unknown as number }];
    const { input, errors } = formToInput(form);
    expect(input.caFile).toBeNull();
    expect(input.serverName).toBe('smsc.example.com');
    expect(input.host).toBe('h.example');
    expect(input.port).toBe(0);
    expect(input.failoverHosts).toEqual([{ host: 'b.example', port: 0 }]);
    expect(errors.map((e) => e.field)).toEqual(['port', 'settings.windowSize', 'failoverHosts[0].port']);
    // The form itself is not changed.
    expect(form.port).toBeNull();
  });

  it('treats an emptied rate limit as no limit', () => {
    const form = blankProfile();
    (form.settings as unknown as { rateLimit: unknown }).rateLimit = undefined;
    expect(formToInput(form)).toMatchObject({ input: { settings: { rateLimit: null } }, errors: [] });
    form.settings.rateLimit = 50;
    expect(formToInput(form).input.settings.rateLimit).toBe(50);
  });

  it('tells a changed form from the saved profile', () => {
    const saved = blankProfile();
    expect(isDirty(blankProfile(), saved)).toBe(false);
    expect(isDirty({ ...blankProfile(), port: 2776 }, saved)).toBe(true);
    expect(isDirty(blankProfile(), null)).toBe(true);
  });
});

describe('texts', () => {
  it('says whether a password is set, never what it is', () => {
    expect(credentialLabel(view().credential)).toMatch(/^Password set \d{4}-\d\d-\d\d /);
    expect(credentialLabel({ ...view().credential, passwordSet: false })).toBe('No password');
  });

  it('says what deleting does', () => {
    expect(deleteConsequences(view())).toEqual([
      'Any bind of "Acme" is disconnected.',
      'Its password is removed from the OS keyring.',
      '3 logged messages stay in the log (shown as sent through "Acme (deleted …)").',
    ]);
    const lonely = view({
      messageCount: 1 as unknown as bigint,
      credential: { passwordSet: false, setAt: null, previousValidUntil: null, store: 'keyring', problem: null },
    });
    expect(deleteConsequences(lonely).slice(1)).toEqual([
      'It has no password in the OS keyring.',
      '1 logged message stays in the log (shown as sent through "Acme (deleted …)").',
    ]);
  });

  it('offers a free name for a copy', () => {
    expect(copyName('Acme', ['Acme'])).toBe('Acme copy');
    expect(copyName('Acme', ['Acme', 'Acme copy', 'Acme copy 2'])).toBe('Acme copy 3');
  });

  it('builds the export download', () => {
    expect(exportFileName(new Date('2026-12-03T10:00:00Z'))).toBe('smpp-profiles-2026-12-03.json');
    const href = jsonDownloadHref('{"a":"b c"}');
    expect(href.startsWith('data:application/json;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(href.split(',')[1])).toBe('{"a":"b c"}');
  });
});

describe('debounce', () => {
  it('runs once after the last call, and not after cancel', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 300);
    d.schedule();
    vi.advanceTimersByTime(200);
    d.schedule();
    vi.advanceTimersByTime(299);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('mock profile commands', () => {
  const builtin = { ...blankProfile(), name: 'Local simulator', preset: 'simulator', host: '127.0.0.1', systemId: 'console' };

  it('validates like the backend for the fields the form shows', () => {
    const fields = mockValidate({ ...blankProfile(), port: 0, failoverHosts: [{ host: '', port: 0 }] }).map((e) => e.field);
    expect(fields).toEqual(['name', 'host', 'port', 'failoverHosts[0].host', 'failoverHosts[0].port', 'systemId']);
    expect(MOCK_PRESETS[0].id).toBe('generic');
  });

  it('creates, protects the built-in profile, duplicates, exports, imports and deletes', () => {
    const m = new ProfileMock(builtin);
    const input = { ...m.template('generic'), name: 'Acme', host: 'smpp.acme.test', systemId: 'acme' };
    expect(m.validate(input, null)).toEqual([]);
    m.create(input);
    expect(m.validate(input, null).map((e) => e.field)).toEqual(['name']);
    expect(m.validate(input, 'Acme')).toEqual([]);
    expect(() => m.update('Local simulator', input)).toThrow();
    expect(() => m.delete('Local simulator')).toThrow();
    expect(m.duplicate('Local simulator', 'Sim copy').profile.preset).toBe('generic');
    const json = m.export([]);
    expect(JSON.parse(json).profiles.map((p: { name: string }) => p.name)).toEqual(['Acme', 'Sim copy']);
    expect(() => m.import(json, false)).toThrow(/exist already/);
    expect(m.import(json, true)).toEqual(['Acme', 'Sim copy']);
    expect(m.delete('Acme')).toBe(0);
    expect(m.list().map((v) => v.profile.name)).toEqual(['Local simulator', 'Sim copy']);
  });

  it('keeps no password, only when it was set', () => {
    const m = new ProfileMock(builtin);
    m.create({ ...blankProfile(), name: 'Acme', host: 'h.test', systemId: 'acme' });
    expect(m.testConnection('Acme').ok).toBe(false);
    expect(() => m.setPassword('Acme', { password: 'waytoolong', keepPreviousHours: null })).toThrow();
    const s = m.setPassword('Acme', { password: 'pw1', keepPreviousHours: null });
    expect(s).toMatchObject({ passwordSet: true, previousValidUntil: null, store: 'keyring' });
    expect(JSON.stringify(m.list())).not.toContain('pw1');
    expect(m.setPassword('Acme', { password: 'pw2', keepPreviousHours: 24 }).previousValidUntil).not.toBeNull();
    expect(m.testConnection('Acme').ok).toBe(true);
    const connected: string[] = [];
    m.onConnect = (p) => connected.push(p.name);
    expect(m.connect('Acme')).toBe(false);
    expect(connected).toEqual(['Acme']);
    expect(m.deletePassword('Acme').passwordSet).toBe(false);
    expect(() => m.setPassword('Local simulator', { password: 'x', keepPreviousHours: null })).toThrow();
  });
});

describe('send profile choice', () => {
  it('lists each profile once with how many of its binds are up', () => {
    const b = (profileName: string, bindIndex: number, state: 'Bound' | 'Connecting') =>
      ({ profileName, bindIndex, bindCount: 2, state }) as unknown as import('../src/lib/bindings/BindStatus').BindStatus;
    const choices = sendableProfiles([b('Local simulator', 1, 'Bound'), b('Acme', 1, 'Bound'), b('Acme', 2, 'Connecting')]);
    expect(choices).toEqual([
      { name: 'Local simulator', bound: 1, total: 1 },
      { name: 'Acme', bound: 1, total: 2 },
    ]);
    expect(choices.map(sendableLabel)).toEqual(['Bound', '1 of 2 bound']);
    expect(sendableLabel({ bound: 0, total: 1 })).toBe('not bound');
  });
});

describe('mock keyring trouble', () => {
  it('reports an unreachable keyring in the status and refuses to store', () => {
    const m = new ProfileMock({ ...blankProfile(), name: 'Local simulator', host: '127.0.0.1', systemId: 'c' });
    m.create({ ...blankProfile(), name: 'Acme', host: 'h.test', systemId: 'acme' });
    m.keyringProblem = 'The OS keyring is locked.';
    expect(m.credentialStatus('Acme').problem).toBe('The OS keyring is locked.');
    expect(() => m.setPassword('Acme', { password: 'pw1', keepPreviousHours: null })).toThrow();
    // The built-in simulator's password is a local file: no keyring involved.
    expect(m.credentialStatus('Local simulator').problem).toBeNull();
  });
});
