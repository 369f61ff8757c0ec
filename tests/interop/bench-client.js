#!/usr/bin/env node
'use strict';
// A node-smpp ESME throughput benchmark, the third-party counterpart of `smppctl bench` on one
// bind (see scripts/bench-clients.sh and docs/client-benchmarks.md).
//
//   SMPP_PASSWORD=secret node bench-client.js --host 127.0.0.1 --port 2775 --system-id bench \
//     --count 20000 --window 10
//
// Binds transceiver (interface_version 0x34), then submits --count one-segment GSM7 submit_sm
// keeping at most --window outstanding, with the same fields as `smppctl bench`: source_addr
// "SMPPConsole" (ton 5, npi 0), destination_addr 447700900000 (ton 1, npi 1), data_coding 0,
// registered_delivery 0, short_message the 13 octets "smppctl bench" (passed as a Buffer, so
// node-smpp does no charset detection, just as our client sends pre-encoded octets).
// The clock runs from the first submit to the last submit_sm_resp; latency is measured per
// submit from the moment it is handed to the socket (session.send) to its response.
// Prints one JSON object on stdout, shaped like `smppctl bench --json` plus `cpu_ms` (this
// process's user/system CPU during the timed part only, from process.cpuUsage()).
//
// Fairness: node-smpp sends enquire_link only with auto_enquire_link_period (not set here), and
// logs nothing itself; this script attaches no per-PDU listeners ('pdu'/'send') and does no
// per-PDU work beyond the window bookkeeping. TCP_NODELAY is set, as smpp-session does.
// Exit codes: 0 every submit got ESME_ROK; 1 some did not; 2 bad usage; 3 bind refused;
// 4 connection/protocol error; 5 timeout.

const { parseArgs, statusName, smpp } = require('./common');

const opts = parseArgs(process.argv.slice(2), {
  host: { default: '127.0.0.1', help: 'SMSC address' },
  port: { required: true, number: true, help: 'SMSC port' },
  systemId: { required: true, help: 'system_id to bind with' },
  password: { default: '', env: 'SMPP_PASSWORD', help: 'password to bind with' },
  count: { required: true, number: true, help: 'messages to submit' },
  window: { default: '10', number: true, help: 'maximum outstanding submit_sm' },
  to: { default: '447700900000', help: 'destination_addr' },
  timeoutMs: { default: '300000', number: true, help: 'overall timeout' },
});
if (opts.count < 1 || opts.window < 1) {
  process.stderr.write('error: --count and --window must be at least 1\n');
  process.exit(2);
}

const TEXT = Buffer.from('smppctl bench', 'latin1');
const submitFields = {
  service_type: '',
  source_addr_ton: 5,
  source_addr_npi: 0,
  source_addr: 'SMPPConsole',
  dest_addr_ton: 1,
  dest_addr_npi: 1,
  destination_addr: opts.to.replace(/^\+/, ''),
  esm_class: 0,
  protocol_id: 0,
  priority_flag: 0,
  schedule_delivery_time: '',
  validity_period: '',
  registered_delivery: 0,
  replace_if_present_flag: 0,
  data_coding: 0,
  sm_default_msg_id: 0,
  short_message: TEXT,
};

const latencies = new Float64Array(opts.count); // milliseconds
let sent = 0;
let answered = 0;
let outstanding = 0;
const statuses = {};
let started = 0n;
let finishedAt = 0n;
let cpuStart = null;
let cpu = null;
let done = false;

function emit(code, obj) {
  if (done) return;
  done = true;
  process.stdout.write(JSON.stringify(obj) + '\n');
  process.exitCode = code;
  setTimeout(() => process.exit(code), 20).unref();
}

function fail(code, kind, message) {
  emit(code, { error: { code: kind, message } });
  try {
    session.destroy();
  } catch (_) {
    /* ignore */
  }
}

const overall = setTimeout(() => fail(5, 'timeout', `timeout after ${opts.timeoutMs} ms (${answered}/${opts.count} answered)`), opts.timeoutMs);

const session = smpp.connect({ host: opts.host, port: opts.port });
session.socket.setNoDelay(true);
session.on('error', (err) => fail(4, 'connection_error', String(err && err.message)));
session.on('close', () => {
  if (!done) fail(4, 'connection_closed', `closed after ${answered}/${opts.count} responses`);
});
// Answer what an SMSC may send on its own (none expected without registered_delivery).
session.on('enquire_link', (pdu) => session.send(pdu.response()));
session.on('deliver_sm', (pdu) => session.send(pdu.response()));
session.on('generic_nack', (pdu) => fail(4, 'generic_nack', statusName(pdu.command_status)));

function pump() {
  while (outstanding < opts.window && sent < opts.count) {
    const i = sent++;
    outstanding++;
    const t0 = process.hrtime.bigint();
    session.submit_sm(submitFields, (resp) => {
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
      outstanding--;
      answered++;
      const name = resp.command_status === 0 ? 'ESME_ROK' : statusName(resp.command_status);
      statuses[name] = (statuses[name] || 0) + 1;
      if (answered === opts.count) {
        finishedAt = process.hrtime.bigint();
        cpu = process.cpuUsage(cpuStart);
        finish();
      } else {
        pump();
      }
    });
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)];
}

const round3 = (x) => (x === null ? null : Math.round(x * 1000) / 1000);

function finish() {
  const secs = Number(finishedAt - started) / 1e9;
  const sorted = latencies.slice(0, answered).sort();
  const ok = statuses.ESME_ROK || 0;
  const report = {
    client: 'node-smpp',
    node: process.version,
    host: opts.host,
    port: opts.port,
    binds: 1,
    window: opts.window,
    count: opts.count,
    segments_per_message: 1,
    responses: answered,
    elapsed_s: round3(secs),
    messages_per_s: round3(secs > 0 ? answered / secs : 0),
    latency_ms: {
      p50: round3(percentile(sorted, 0.5)),
      p90: round3(percentile(sorted, 0.9)),
      p99: round3(percentile(sorted, 0.99)),
      max: round3(sorted.length ? sorted[sorted.length - 1] : null),
    },
    cpu_ms: { user: round3(cpu.user / 1000), system: round3(cpu.system / 1000) },
    statuses,
    errors: opts.count - ok,
  };
  clearTimeout(overall);
  const close = () => {
    session.removeAllListeners('close');
    session.close();
    emit(ok === opts.count ? 0 : 1, report);
  };
  const unbindTimer = setTimeout(close, 5000);
  session.unbind(() => {
    clearTimeout(unbindTimer);
    close();
  });
}

session.on('connect', () => {
  session.bind_transceiver(
    { system_id: opts.systemId, password: opts.password, interface_version: 0x34 },
    (pdu) => {
      if (pdu.command_status !== 0) {
        fail(3, 'bind_failed', `bind_transceiver refused: ${statusName(pdu.command_status)}`);
        return;
      }
      cpuStart = process.cpuUsage();
      started = process.hrtime.bigint();
      pump();
    },
  );
});
