#!/usr/bin/env node
'use strict';
// A third-party SMSC built on node-smpp, used to check that our ESME side (smppctl send,
// the app) interoperates with an implementation we did not write.
//
//   node smsc-server.js --port 0 --system-id test --password secret [--dlr-delay-ms 200]
//                       [--tls-key key.pem --tls-cert cert.pem]   (SMPP over TLS, node's tls)
//
// Prints `listening <port>` on stdout once ready. Accepts bind_transceiver with the given
// credentials (else ESME_RINVPASWD); answers submit_sm with an uppercase-hex message_id with
// leading zeros (deliberately unlike ours) and, when registered_delivery asks for it, sends a
// delivery receipt deliver_sm after the delay. Every PDU in and out is a JSON line on stderr.
// Exits 0 on SIGINT/SIGTERM.

const fs = require('fs');
const { parseArgs, statusName, describePdu, logEvent, messageText, smpp } = require('./common');

const opts = parseArgs(process.argv.slice(2), {
  host: { default: '127.0.0.1', env: 'SMSC_HOST', help: 'address to listen on' },
  port: { default: '0', env: 'SMSC_PORT', number: true, help: 'port to listen on (0: any free port)' },
  systemId: { default: 'interop', env: 'SMSC_SYSTEM_ID', help: 'system_id accepted on bind' },
  password: { default: 'secret', env: 'SMSC_PASSWORD', help: 'password accepted on bind' },
  dlrDelayMs: { default: '200', env: 'SMSC_DLR_DELAY_MS', number: true, help: 'delay before a delivery receipt' },
  serverSystemId: { default: 'node-smsc', help: 'system_id returned in bind_resp' },
  tlsKey: { default: '', help: 'PEM private key: serve SMPP over TLS (with --tls-cert)' },
  tlsCert: { default: '', help: 'PEM certificate chain for --tls-key' },
});
if (Boolean(opts.tlsKey) !== Boolean(opts.tlsCert)) {
  process.stderr.write('--tls-key and --tls-cert go together\n');
  process.exit(2);
}
// node-smpp serves TLS when given a key and certificate (TLS 1.2 at least, like providers).
const serverOptions = opts.tlsKey
  ? { key: fs.readFileSync(opts.tlsKey), cert: fs.readFileSync(opts.tlsCert), minVersion: 'TLSv1.2' }
  : {};

const MESSAGE_STATE_DELIVERED = 2;
const ESM_CLASS_DELIVERY_RECEIPT = 0x04;

// Message ids: 16 uppercase hex digits with leading zeros (e.g. 00000A3F0000002A).
const idBase = 0xa0000 + Math.floor(Math.random() * 0x5ffff); // starts with a hex letter
let idCounter = 0;
function nextMessageId() {
  idCounter += 1;
  const n = idBase * 0x1000000 + idCounter;
  return n.toString(16).toUpperCase().padStart(16, '0');
}

// YYMMDDhhmm in UTC, as used in receipt texts.
function receiptDate(d) {
  const p = (n) => String(n).padStart(2, '0');
  return (
    p(d.getUTCFullYear() % 100) + p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) + p(d.getUTCMinutes())
  );
}

let sessionCounter = 0;
const timers = new Set();

const server = smpp.createServer(serverOptions, (session) => {
  sessionCounter += 1;
  const sid = sessionCounter;
  let bound = false;
  const peer = `${session.socket.remoteAddress}:${session.socket.remotePort}`;
  logEvent('connect', { session: sid, peer });

  const send = (pdu) => session.send(pdu);
  // Logged once written, so that the sequence_number node-smpp assigns is in the log.
  session.on('send', (pdu) => {
    logEvent('out', { session: sid, pdu: describePdu(pdu), status_name: statusName(pdu.command_status) });
  });

  session.on('pdu', (pdu) => {
    logEvent('in', { session: sid, pdu: describePdu(pdu) });
  });

  session.on('bind_transceiver', (pdu) => {
    if (bound) {
      send(pdu.response({ command_status: smpp.ESME_RALYBND }));
      return;
    }
    if (pdu.system_id !== opts.systemId || pdu.password !== opts.password) {
      logEvent('bind_refused', { session: sid, system_id: pdu.system_id, reason: 'bad credentials' });
      send(pdu.response({ command_status: smpp.ESME_RINVPASWD }));
      return;
    }
    bound = true;
    logEvent('bound', { session: sid, system_id: pdu.system_id, interface_version: pdu.interface_version });
    send(pdu.response({ system_id: opts.serverSystemId, sc_interface_version: 0x34 }));
  });

  for (const cmd of ['bind_transmitter', 'bind_receiver']) {
    session.on(cmd, (pdu) => {
      logEvent('bind_refused', { session: sid, system_id: pdu.system_id, reason: `${cmd} not supported` });
      send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
    });
  }

  session.on('submit_sm', (pdu) => {
    if (!bound) {
      send(pdu.response({ command_status: smpp.ESME_RINVBNDSTS }));
      return;
    }
    const messageId = nextMessageId();
    const submitted = new Date();
    send(pdu.response({ message_id: messageId }));
    const rd = pdu.registered_delivery & 0x03;
    // 1: receipt on success or failure; 2: failure only (we always deliver); 3 (SMPP 5.0): success only.
    if (rd !== 1 && rd !== 3) return;
    const text = messageText(pdu)
      .slice(0, 20)
      .replace(/[^\x20-\x7e]/g, '?');
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!session.socket.writable) return;
      const body =
        `id:${messageId} sub:001 dlvrd:001 submit date:${receiptDate(submitted)} ` +
        `done date:${receiptDate(new Date())} stat:DELIVRD err:000 text:${text}`;
      const receipt = new smpp.PDU('deliver_sm', {
        source_addr_ton: pdu.dest_addr_ton,
        source_addr_npi: pdu.dest_addr_npi,
        source_addr: pdu.destination_addr,
        dest_addr_ton: pdu.source_addr_ton,
        dest_addr_npi: pdu.source_addr_npi,
        destination_addr: pdu.source_addr,
        esm_class: ESM_CLASS_DELIVERY_RECEIPT,
        data_coding: 0,
        short_message: Buffer.from(body, 'ascii'),
        receipted_message_id: messageId,
        message_state: MESSAGE_STATE_DELIVERED,
      });
      logEvent('receipt', { session: sid, message_id: messageId, text: body });
      send(receipt);
    }, opts.dlrDelayMs);
    timers.add(timer);
  });

  session.on('enquire_link', (pdu) => send(pdu.response()));

  session.on('unbind', (pdu) => {
    bound = false;
    send(pdu.response());
    // Give the response a moment to flush, then close our side.
    setTimeout(() => session.close(), 50);
  });

  session.on('unknown', (pdu) => send(pdu.response()));

  session.on('close', () => logEvent('close', { session: sid }));
  session.on('error', (err) => logEvent('error', { session: sid, message: String(err && err.message) }));
});

server.on('error', (err) => {
  logEvent('server_error', { message: String(err && err.message) });
  process.exit(1);
});

server.listen(opts.port, opts.host, () => {
  const port = server.address().port;
  logEvent('listening', { host: opts.host, port });
  process.stdout.write(`listening ${port}\n`);
});

function shutdown(signal) {
  logEvent('shutdown', { signal });
  for (const t of timers) clearTimeout(t);
  for (const s of server.sessions.slice()) s.destroy();
  server.close(() => process.exit(0));
  // Never hang on shutdown.
  setTimeout(() => process.exit(0), 500).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
