#!/usr/bin/env node
'use strict';
// A third-party ESME built on node-smpp, used to check that our SMSC side (smppctl sim, the
// app's built-in simulator) interoperates with an implementation we did not write.
//
//   node esme-client.js --host 127.0.0.1 --port 2775 --system-id test --password secret \
//     [--to 15550001111] [--from 15550002222] [--text hello] [--timeout-ms 15000]
//
// Binds transceiver (interface_version 0x34), submits one message with registered_delivery 1
// (Buffer short_message, data_coding 0), waits for its delivery receipt (answering it with
// deliver_sm_resp), unbinds and prints one JSON object on stdout:
//   {"bindStatus":0,"messageId":"...","receipt":{"receiptedMessageId":"...","messageState":2,"text":"..."},...}
// Exit codes: 0 ok; 2 bad usage; 3 bind refused (bindStatus holds the command_status);
// 4 submit refused or connection/protocol error; 5 overall timeout. PDUs are logged as JSON
// lines on stderr.

const { parseArgs, statusName, describePdu, logEvent, messageText, smpp } = require('./common');

const opts = parseArgs(process.argv.slice(2), {
  host: { default: '127.0.0.1', env: 'ESME_HOST', help: 'SMSC address' },
  port: { required: true, env: 'ESME_PORT', number: true, help: 'SMSC port' },
  systemId: { required: true, env: 'ESME_SYSTEM_ID', help: 'system_id to bind with' },
  password: { default: '', env: 'ESME_PASSWORD', help: 'password to bind with' },
  to: { default: '15550001111', help: 'destination_addr' },
  from: { default: '15550002222', help: 'source_addr' },
  text: { default: 'interop hello', help: 'message text (ASCII, sent as a Buffer with data_coding 0)' },
  timeoutMs: { default: '15000', number: true, help: 'overall timeout' },
});

const result = {
  bindStatus: null,
  bindStatusName: null,
  bindSystemId: null,
  submitStatus: null,
  messageId: null,
  receipt: null,
  otherDeliverSm: [],
};
let stage = 'connect';
let finished = false;

function finish(code, extra) {
  if (finished) return;
  finished = true;
  Object.assign(result, extra || {});
  process.stdout.write(JSON.stringify(result) + '\n');
  // Let stdout flush before exiting.
  process.exitCode = code;
  setTimeout(() => process.exit(code), 20);
}

const overall = setTimeout(() => {
  logEvent('timeout', { stage });
  try {
    session.destroy();
  } catch (_) {
    /* ignore */
  }
  finish(5, { error: `timeout after ${opts.timeoutMs} ms while waiting for: ${stage}` });
}, opts.timeoutMs);

const session = smpp.connect({ host: opts.host, port: opts.port });

session.on('pdu', (pdu) => logEvent('in', { pdu: describePdu(pdu), status_name: statusName(pdu.command_status) }));
session.on('send', (pdu) => logEvent('out', { pdu: describePdu(pdu) }));
session.on('error', (err) => {
  logEvent('error', { stage, message: String(err && err.message) });
  clearTimeout(overall);
  finish(4, { error: `connection error during ${stage}: ${err && err.message}` });
});
session.on('close', () => {
  logEvent('close', { stage });
  if (!finished && stage === 'unbind_resp') {
    // Some SMSCs close on unbind without an unbind_resp; the exchange is complete anyway.
    clearTimeout(overall);
    finish(0);
  } else if (!finished) {
    clearTimeout(overall);
    finish(4, { error: `connection closed by the SMSC during ${stage}` });
  }
});

// Receipts that arrived before we knew our message id (the SMSC may be fast).
const receipts = [];

function parseReceiptText(text) {
  const get = (re) => {
    const m = text.match(re);
    return m ? m[1] : null;
  };
  return {
    id: get(/\bid:(\S+)/i),
    stat: get(/\bstat:(\S+)/i),
    err: get(/\berr:(\S+)/i),
  };
}

function tryComplete() {
  if (result.messageId === null) return;
  const match = receipts.find((r) => (r.receiptedMessageId ?? r.textId) === result.messageId);
  const chosen = match || null;
  if (!chosen) return;
  result.receipt = chosen;
  stage = 'unbind_resp';
  const done = () => {
    clearTimeout(overall);
    session.close();
    finish(0);
  };
  const unbindTimer = setTimeout(done, 2000);
  session.unbind(() => {
    clearTimeout(unbindTimer);
    done();
  });
}

session.on('deliver_sm', (pdu) => {
  session.send(pdu.response());
  const text = messageText(pdu);
  if ((pdu.esm_class & 0x3c) !== 0x04) {
    result.otherDeliverSm.push({ esmClass: pdu.esm_class, text });
    return;
  }
  const parsed = parseReceiptText(text);
  receipts.push({
    receiptedMessageId: pdu.receipted_message_id ?? null,
    messageState: pdu.message_state ?? null,
    text,
    esmClass: pdu.esm_class,
    textId: parsed.id,
    stat: parsed.stat,
    err: parsed.err,
  });
  tryComplete();
});

session.on('enquire_link', (pdu) => session.send(pdu.response()));
session.on('unbind', (pdu) => {
  session.send(pdu.response());
  if (!finished) {
    clearTimeout(overall);
    finish(4, { error: `SMSC unbound during ${stage}` });
  }
});
session.on('unknown', (pdu) => session.send(pdu.response()));
session.on('generic_nack', (pdu) => {
  if (!finished) {
    clearTimeout(overall);
    finish(4, { error: `generic_nack ${statusName(pdu.command_status)} during ${stage}` });
  }
});

session.on('connect', () => {
  stage = 'bind_transceiver_resp';
  session.bind_transceiver(
    {
      system_id: opts.systemId,
      password: opts.password,
      system_type: '',
      // node-smpp defaults to 0x50 (SMPP 5.0); we speak 3.4.
      interface_version: 0x34,
    },
    (resp) => {
      result.bindStatus = resp.command_status;
      result.bindStatusName = statusName(resp.command_status);
      if (resp.command_status !== 0) {
        // Error responses may carry no body (node-smpp sends none).
        clearTimeout(overall);
        session.destroy();
        finish(3, { error: `bind refused: ${result.bindStatusName}` });
        return;
      }
      result.bindSystemId = resp.system_id ?? null;
      stage = 'submit_sm_resp';
      session.submit_sm(
        {
          source_addr_ton: 1,
          source_addr_npi: 1,
          source_addr: opts.from,
          dest_addr_ton: 1,
          dest_addr_npi: 1,
          destination_addr: opts.to,
          registered_delivery: 1,
          data_coding: 0,
          // A Buffer goes out byte for byte; a string would be re-encoded by node-smpp.
          short_message: Buffer.from(opts.text, 'ascii'),
        },
        (sresp) => {
          result.submitStatus = sresp.command_status;
          if (sresp.command_status !== 0) {
            clearTimeout(overall);
            session.destroy();
            finish(4, { error: `submit_sm refused: ${statusName(sresp.command_status)}` });
            return;
          }
          result.messageId = sresp.message_id;
          stage = 'delivery receipt';
          tryComplete();
        },
      );
    },
  );
});
