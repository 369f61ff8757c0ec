'use strict';
// Small helpers shared by smsc-server.js and esme-client.js (argument parsing, JSON logging).

const smpp = require('smpp');

// Parses `--name value` / `--name=value` / `--flag` into an object with camelCase keys.
function parseArgs(argv, spec) {
  const out = {};
  for (const [key, def] of Object.entries(spec)) {
    const envValue = def.env ? process.env[def.env] : undefined;
    out[key] = envValue !== undefined ? envValue : def.default;
  }
  const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      usage(spec, 0);
    }
    if (!arg.startsWith('--')) usage(spec, 2, `unexpected argument: ${arg}`);
    let name = arg.slice(2);
    let value;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const key = camel(name);
    if (!(key in spec)) usage(spec, 2, `unknown option: --${name}`);
    if (spec[key].flag) {
      out[key] = value === undefined ? true : value !== 'false';
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) usage(spec, 2, `--${name} needs a value`);
      value = argv[++i];
    }
    out[key] = value;
  }
  for (const [key, def] of Object.entries(spec)) {
    if (def.required && (out[key] === undefined || out[key] === '')) {
      usage(spec, 2, `missing --${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`);
    }
    if (def.number && out[key] !== undefined) {
      const n = Number(out[key]);
      if (!Number.isInteger(n) || n < 0) usage(spec, 2, `--${key}: not a non-negative integer: ${out[key]}`);
      out[key] = n;
    }
  }
  return out;
}

function usage(spec, code, message) {
  const stream = code === 0 ? process.stdout : process.stderr;
  if (message) stream.write(`error: ${message}\n`);
  stream.write('options:\n');
  for (const [key, def] of Object.entries(spec)) {
    const name = key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    const env = def.env ? ` (env ${def.env})` : '';
    const dflt = def.default !== undefined ? ` [default: ${def.default}]` : '';
    stream.write(`  --${name}${def.flag ? '' : ' VALUE'}  ${def.help || ''}${env}${dflt}\n`);
  }
  process.exit(code);
}

// Name of an SMPP command_status, e.g. 0x0E -> "ESME_RINVPASWD".
function statusName(status) {
  for (const [name, value] of Object.entries(smpp.errors)) {
    if (value === status) return name;
  }
  return `0x${status.toString(16).padStart(8, '0')}`;
}

// A JSON-friendly view of a PDU: Buffers become hex, decoded messages keep their text.
function describePdu(pdu) {
  const out = {};
  for (const [key, value] of Object.entries(pdu)) {
    if (key === 'command_length' || typeof value === 'function') continue;
    out[key] = plain(value);
  }
  return out;
}

function plain(value) {
  if (Buffer.isBuffer(value)) return { hex: value.toString('hex') };
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(value)) o[k] = plain(v);
    return o;
  }
  return value;
}

// Writes one JSON line to stderr (the log channel; stdout carries the result).
function logEvent(event, fields) {
  process.stderr.write(JSON.stringify({ ts: new Date().toISOString(), event, ...fields }) + '\n');
}

// Text of a decoded short_message (node-smpp turns it into {message} on decode).
function messageText(pdu) {
  let sm = pdu.short_message;
  if ((!sm || (sm.message !== undefined && sm.message.length === 0)) && pdu.message_payload) {
    sm = pdu.message_payload;
  }
  if (sm === undefined || sm === null) return '';
  if (Buffer.isBuffer(sm)) return sm.toString('latin1');
  if (typeof sm === 'string') return sm;
  if (Buffer.isBuffer(sm.message)) return sm.message.toString('latin1');
  return String(sm.message ?? '');
}

module.exports = { parseArgs, statusName, describePdu, logEvent, messageText, smpp };
