#!/usr/bin/env node
'use strict';
// Checks the two interop peers against each other (no Rust involved):
// esme-client.js -> smsc-server.js, with the right and a wrong password.
//   npm run selftest
const { spawn } = require('child_process');
const path = require('path');
const assert = require('assert');

function startServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'smsc-server.js'), '--port', '0',
      '--system-id', 'selftest', '--password', 'pw123', '--dlr-delay-ms', '200'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    let log = '';
    child.stderr.on('data', (d) => { log += d; });
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/^listening (\d+)$/m);
      if (m) resolve({ child, port: Number(m[1]), log: () => log });
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${log}`)));
    setTimeout(() => reject(new Error('server did not start in 10 s')), 10000).unref();
  });
}

function runClient(port, password) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'esme-client.js'), '--port', String(port),
      '--system-id', 'selftest', '--password', password, '--text', 'selftest hello'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

(async () => {
  const server = await startServer();
  try {
    const ok = await runClient(server.port, 'pw123');
    assert.strictEqual(ok.code, 0, `client failed: ${ok.out}\n${ok.err}`);
    const r = JSON.parse(ok.out);
    assert.strictEqual(r.bindStatus, 0);
    assert.match(r.messageId, /^[0-9A-F]{16}$/);
    assert.strictEqual(r.receipt.receiptedMessageId, r.messageId);
    assert.strictEqual(r.receipt.messageState, 2);
    assert.match(r.receipt.text, /stat:DELIVRD/);
    assert.strictEqual(r.receipt.textId, r.messageId);

    const bad = await runClient(server.port, 'wrong');
    assert.strictEqual(bad.code, 3, `expected exit 3: ${bad.out}\n${bad.err}`);
    const b = JSON.parse(bad.out);
    assert.strictEqual(b.bindStatus, 0x0e);
    assert.strictEqual(b.bindStatusName, 'ESME_RINVPASWD');
    console.log('selftest ok:', JSON.stringify(r));
  } finally {
    server.child.removeAllListeners('exit');
    server.child.kill('SIGTERM');
  }
})().catch((e) => {
  console.error('selftest FAILED:', e && e.stack ? e.stack : e);
  process.exit(1);
});
