// Dev-only stand-in for the Tauri backend, used by `npm run dev` in a plain browser.
// Never part of the production bundle (see main.ts). Fake data, clearly fake numbers.
import { emit } from '@tauri-apps/api/event';
import { mockIPC } from '@tauri-apps/api/mocks';
import type { ApiError } from '$lib/bindings/ApiError';
import type { BindStatus } from '$lib/bindings/BindStatus';
import type { ConsoleEvent } from '$lib/bindings/ConsoleEvent';
import type { InspectRequest } from '$lib/bindings/InspectRequest';
import type { MessageState } from '$lib/bindings/MessageState';
import type { MessageView } from '$lib/bindings/MessageView';
import type { PageQuery } from '$lib/bindings/PageQuery';
import type { SendRequest } from '$lib/bindings/SendRequest';
import { mockPreviewEncoding } from '$lib/dev-mock-encoding';
import { mockInspectPdus } from '$lib/dev-mock-inspect';
import { mockMessagePage, SyntheticLog } from '$lib/dev-mock-pages';
import { mockLoggedPdu, mockTrace, mockTraceSummary } from '$lib/dev-mock-trace';
import { ProfileMock } from '$lib/dev-mock-profiles';
import { RetentionMock } from '$lib/dev-mock-retention';
import { blankProfile } from '$lib/profiles';

const PROFILE = 'local-sim';
const messages = new Map<string, MessageView>();
let seq = 0;
let smscSeq = 0x1a2b00;

let bind: BindStatus = {
  profileName: PROFILE,
  state: 'Connecting',
  detail: null,
  host: '127.0.0.1',
  port: 2775,
  bindType: 'TRX',
  systemId: 'console',
  since: new Date().toISOString(),
  windowSize: 10,
  windowInUse: 0,
  rateLimit: null,
  ratePerSecond: 0,
  throttled: 0,
  timeouts: 0,
  reconnects: 0,
  backingOffUntil: null,
  notice: null,
  bindIndex: 1,
  bindCount: 1,
};

const retention = new RetentionMock();

/** Binds of profiles connected from the Profiles page (the built-in one is `bind`). */
const otherBinds = new Map<string, BindStatus>();

const profiles = new ProfileMock({
  ...blankProfile(),
  name: PROFILE,
  preset: 'simulator',
  host: '127.0.0.1',
  port: 2775,
  systemId: 'console',
});
profiles.onConnect = (p) => {
  const b: BindStatus = {
    ...bind,
    profileName: p.name,
    state: 'Bound',
    detail: null,
    host: p.host,
    port: p.port,
    bindType: p.bindType,
    systemId: p.systemId,
    since: new Date().toISOString(),
    windowSize: p.settings.windowSize,
    windowInUse: 0,
    rateLimit: p.settings.rateLimit,
    notice: null,
  };
  otherBinds.set(p.name, b);
  push({ kind: 'bind', bind: b });
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function fakeId(at: number): string {
  seq += 1;
  const hex = at.toString(16).padStart(12, '0');
  const tail = seq.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-${tail}`;
}

function push(event: ConsoleEvent): void {
  void emit('console-event', event);
}

function setBind(patch: Partial<BindStatus>): void {
  bind = { ...bind, ...patch, since: new Date().toISOString() };
  push({ kind: 'bind', bind });
}

function save(m: MessageView): MessageView {
  messages.set(m.id, m);
  push({ kind: 'message', message: m });
  return m;
}

function move(id: string, patch: Partial<MessageView>): MessageView {
  const prev = messages.get(id)!;
  return save({ ...prev, ...patch, updatedAt: new Date().toISOString() });
}


function newMessage(
  direction: 'MT' | 'MO',
  source: string,
  destination: string,
  text: string,
  at = Date.now(),
  requestDlr = direction === 'MT',
  profileName = PROFILE,
): MessageView {
  const iso = new Date(at).toISOString();
  const preview = mockPreviewEncoding(text);
  return {
    id: fakeId(at),
    profileName,
    direction,
    source,
    destination,
    text,
    dataCoding: preview.alphabet,
    parts: preview.parts,
    requestDlr,
    state: direction === 'MO' ? 'Delivered' : 'Queued',
    smscMessageId: null,
    error: null,
    receiptStat: null,
    receiptErr: null,
    createdAt: iso,
    updatedAt: iso,
  };
}

const RECEIPTS: { state: MessageState; stat: string; err: string }[] = [
  { state: 'Delivered', stat: 'DELIVRD', err: '000' },
  { state: 'Delivered', stat: 'DELIVRD', err: '000' },
  { state: 'Delivered', stat: 'DELIVRD', err: '000' },
  { state: 'Undeliverable', stat: 'UNDELIV', err: '001' },
  { state: 'Expired', stat: 'EXPIRED', err: '000' },
  { state: 'ReceiptUnknown', stat: 'UNKNOWN', err: '000' },
];

function seed(): void {
  const now = Date.now();
  const samples = [
    ['+447700900101', 'Your verification code is 482913'],
    ['+447700900102', 'Reminder: appointment tomorrow at 09:30'],
    ['+447700900103', 'Ваш код подтверждения: 5521'],
    ['+447700900104', 'Delivery window 14:00–16:00 today'],
    ['+447700900105', 'Balance low: top up to keep sending'],
  ];
  for (let i = 0; i < 24; i++) {
    const [to, text] = samples[i % samples.length];
    const m = newMessage('MT', 'SMPPConsole', to, text, now - (24 - i) * 97_000);
    const r = RECEIPTS[i % RECEIPTS.length];
    const failed = i % 11 === 7;
    messages.set(m.id, {
      ...m,
      state: failed ? 'SubmitFailed' : r.state,
      smscMessageId: failed ? null : (smscSeq++).toString(16),
      error: failed ? { code: 'ESME_RTHROTTLED', message: 'Throttling error: the SMSC is rate-limiting this bind.' } : null,
      receiptStat: failed ? null : r.stat,
      receiptErr: failed ? null : r.err,
      updatedAt: new Date(now - (24 - i) * 97_000 + 2500).toISOString(),
    });
    if (i % 8 === 3) {
      const mo = newMessage('MO', '+447700900150', '88000', 'STOP', now - (24 - i) * 97_000 + 40_000);
      messages.set(mo.id, mo);
    }
  }
}

async function deliver(req: SendRequest, profile: string | null): Promise<MessageView> {
  const via = profile ? (profile === PROFILE ? bind : otherBinds.get(profile)) : bind;
  if (!via) {
    throw { code: 'unknown_profile', message: `no profile named "${profile}"` } satisfies ApiError;
  }
  if (via.state !== 'Bound') {
    throw { code: 'no_bind', message: `No usable bind: profile "${via.profileName}" is ${via.state}. Check Binds.` } satisfies ApiError;
  }
  const m = save(newMessage('MT', req.from, req.to, req.text, Date.now(), req.requestDlr, via.profileName));
  await sleep(150);
  move(m.id, { state: 'Submitted' });
  await sleep(350);
  if (!/^\+?\d{6,15}$/.test(req.to)) {
    return move(m.id, {
      state: 'SubmitFailed',
      error: { code: 'ESME_RINVDSTADR', message: 'Invalid destination address: the SMSC rejected the number.' },
    });
  }
  const accepted = move(m.id, { state: 'Accepted', smscMessageId: (smscSeq++).toString(16) });
  if (req.requestDlr) {
    void (async () => {
      await sleep(1200);
      move(m.id, { state: 'Enroute', receiptStat: 'ENROUTE', receiptErr: '000' });
      await sleep(1800);
      move(m.id, { state: 'Delivered', receiptStat: 'DELIVRD', receiptErr: '000' });
    })();
  }
  return accepted;
}

/** The Messages table's synthetic log: ?mock-rows=N rows (default a million). */
function syntheticLog(): SyntheticLog {
  const asked = Number(new URLSearchParams(window.location.search).get('mock-rows') ?? '1000000');
  return new SyntheticLog(Number.isFinite(asked) && asked >= 0 ? Math.floor(asked) : 1_000_000, Date.now());
}

/**
 * ?mock-bulk=N: N messages sent as fast as a bulk send, each moving Queued → Accepted →
 * Delivered, to watch the table take thousands of events a second.
 */
function bulkSend(n: number): void {
  let sent = 0;
  const tick = setInterval(() => {
    for (let j = 0; j < 100 && sent < n; j++, sent++) {
      const m = save(newMessage('MT', 'SMPPConsole', `+4477009${String(sent % 100_000).padStart(5, '0')}`, `bulk ${sent}`));
      setTimeout(() => move(m.id, { state: 'Accepted', smscMessageId: (smscSeq++).toString(16) }), 200);
      setTimeout(() => move(m.id, { state: 'Delivered', receiptStat: 'DELIVRD', receiptErr: '000' }), 900);
    }
    if (sent >= n) clearInterval(tick);
  }, 20);
}

export function installDevMock(): void {
  seed();
  const pagesLog = syntheticLog();
  // ?mock-fail=list_messages makes that command reject, to see the error banner.
  const failing = new URLSearchParams(window.location.search).get('mock-fail');
  mockIPC(
    async (cmd, payload) => {
      const args = (payload ?? {}) as Record<string, unknown>;
      if (cmd === failing) {
        throw { code: 'db_unavailable', message: `Dev mock: ${cmd} fails on purpose (?mock-fail).` } satisfies ApiError;
      }
      switch (cmd) {
        case 'list_messages': {
          await sleep(120);
          const limit = typeof args.limit === 'number' ? args.limit : 500;
          return [...messages.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
        }
        case 'list_message_page':
          await sleep(15);
          return mockMessagePage(args.query as PageQuery, messages.values(), pagesLog);
        case 'list_binds':
          await sleep(80);
          return [bind, ...otherBinds.values()];
        case 'send_message': {
          const req = args.request as SendRequest;
          if (!req?.to?.trim()) throw { code: 'validation', message: 'Destination is empty.' } satisfies ApiError;
          return { message: await deliver(req, typeof args.profile === 'string' ? args.profile : null) };
        }
        case 'preview_encoding':
          return mockPreviewEncoding(typeof args.text === 'string' ? args.text : '');
        case 'inspect_pdus': {
          await sleep(60);
          const req = args.request as InspectRequest;
          return mockInspectPdus({ hex: req?.hex ?? '', showPasswords: req?.showPasswords === true });
        }
        case 'bind_disconnect':
          await sleep(150);
          setBind({ state: 'Disconnected', detail: null });
          return null;
        case 'bind_connect':
          setBind({ state: 'Connecting', detail: null });
          await sleep(400);
          setBind({ state: 'Bound', detail: null });
          return null;
        case 'trace':
          await sleep(60);
          return mockTrace(messages.values(), typeof args.query === 'string' ? args.query : '');
        case 'trace_summary':
          return mockTraceSummary(mockTrace(messages.values(), typeof args.query === 'string' ? args.query : ''));
        case 'logged_pdu':
          return mockLoggedPdu(typeof args.id === 'number' ? args.id : 0);
        case 'retention_get':
          return retention.get();
        case 'retention_set':
          return retention.set(args.retention);
        case 'log_prune': {
          await sleep(300);
          const now = Date.now();
          return retention.prune([...messages.values()], now, (id) => messages.delete(id));
        }
        case 'log_vacuum':
          await sleep(600);
          return retention.vacuum();
        default: {
          await sleep(40);
          const answer = profiles.handle(cmd, args);
          if (answer) return answer.value;
          throw { code: 'unknown_command', message: `Dev mock has no command "${cmd}".` } satisfies ApiError;
        }
      }
    },
    { shouldMockEvents: true },
  );
  // ?mock-bind=error shows the header and Binds page with a failed bind.
  if (new URLSearchParams(window.location.search).get('mock-keyring') === 'locked') {
    profiles.keyringProblem =
      'The OS keyring (Secret Service) is locked or not running: unlock it (log in to the desktop session) or start gnome-keyring, then try again.';
  }
  const mockBind = new URLSearchParams(window.location.search).get('mock-bind');
  if (mockBind === 'notice') {
    // ?mock-bind=notice: bound, but with the previous password (rotation).
    setTimeout(
      () =>
        setBind({
          state: 'Bound',
          detail: null,
          notice:
            'Bound with the PREVIOUS password: the SMSC refused the new one (ESME_RINVPASWD). The previous password stops working at 2026-12-10T10:00:00Z; ask the provider whether the reset has been applied.',
        }),
      900,
    );
  } else if (mockBind === 'error') {
    setTimeout(() => setBind({ state: 'Error', detail: 'bind_transceiver_resp: ESME_RINVPASWD (invalid password)' }), 900);
  } else {
    setTimeout(() => setBind({ state: 'Bound', detail: null }), 900);
  }
  const bulk = Number(new URLSearchParams(window.location.search).get('mock-bulk') ?? '0');
  if (bulk > 0) setTimeout(() => bulkSend(bulk), 2000);
  // Now and then an MO arrives, so the Inbox is not empty for long.
  setInterval(() => {
    if (bind.state === 'Bound') save(newMessage('MO', '+447700900150', '88000', 'HELP'));
  }, 45_000);
  console.info('[dev-mock] Tauri IPC is mocked: fake backend, fake data.');
}
