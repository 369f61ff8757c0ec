// Pure helpers for the PDU Inspector: reading pasted hex, the hex view's layout, the field
// tree (flattening, expansion, keyboard moves) and which field owns an octet.
import type { Dissection } from '$lib/bindings/Dissection';
import type { Field } from '$lib/bindings/Field';
import { codePointLabel } from '$lib/format';

export const OCTETS_PER_ROW = 16;

export type HexParse = { ok: true; bytes: Uint8Array } | { ok: false; message: string };

// Rust's char::is_whitespace (Unicode White_Space), which differs from JS \s on U+0085 and U+FEFF.
const WHITESPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

function isSeparator(c: string): boolean {
  return WHITESPACE.test(c) || c === ':' || c === '-' || c === ',';
}

function showChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return cp > 0x20 && cp < 0x7f ? `'${c}'` : codePointLabel(c);
}

/**
 * Reads hex the way the backend does (smpp_codec::dissect::parse_hex): whitespace, ':' '-' ','
 * separators and `0x` prefixes at the start of a group are ignored. Positions in messages count
 * characters (code points) from 1, like the backend's.
 */
export function parseHex(input: string): HexParse {
  const chars = Array.from(input);
  const out: number[] = [];
  let pending: { value: number; c: string; index: number } | null = null;
  let digits = 0;
  let atGroupStart = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (isSeparator(c)) {
      atGroupStart = true;
      continue;
    }
    if (c === '0' && atGroupStart && (chars[i + 1] === 'x' || chars[i + 1] === 'X') && pending === null) {
      i += 1;
      atGroupStart = false;
      continue;
    }
    atGroupStart = false;
    if (!/^[0-9a-fA-F]$/.test(c)) {
      return {
        ok: false,
        message:
          `invalid character ${showChar(c)} at position ${i + 1} (counting from 1): only hex digits 0-9 a-f A-F, ` +
          `whitespace, ':', '-', ',' and '0x' prefixes are allowed`,
      };
    }
    const value = parseInt(c, 16);
    digits += 1;
    if (pending === null) pending = { value, c, index: i };
    else {
      out.push((pending.value << 4) | value);
      pending = null;
    }
  }
  if (pending !== null) {
    return {
      ok: false,
      message:
        `odd number of hex digits (${digits}): every octet needs two digits; the last digit ` +
        `${showChar(pending.c)} at position ${pending.index + 1} (counting from 1) has no partner`,
    };
  }
  return { ok: true, bytes: Uint8Array.from(out) };
}

/** Lowercase hex of one octet. */
export function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** What the ASCII column shows for an octet: printable ASCII, else a dot. */
export function asciiChar(b: number | null): string {
  if (b === null) return ' ';
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
}

function overlay(out: (number | null)[], f: Field): void {
  if (f.raw_hex.length !== f.length * 2) return;
  for (let i = 0; i < f.length; i++) {
    const at = f.offset + i;
    if (at >= 0 && at < out.length) out[at] = parseInt(f.raw_hex.slice(i * 2, i * 2 + 2), 16);
  }
}

/** Octets the dissection accounts for: the end of the last PDU or of the trailing octets. */
export function dissectionEnd(d: Dissection): number {
  let end = 0;
  for (const p of d.pdus) end = Math.max(end, p.offset + p.length);
  if (d.trailing) end = Math.max(end, d.trailing.offset + d.trailing.length);
  return end;
}

/**
 * The octets the hex view shows: the input as the user pasted it, overwritten by the octets the
 * backend reported for each field, so masked passwords stay masked ('*' octets). `null` marks
 * an octet that is known to exist but could not be read (only without `input`).
 */
export function viewBytes(input: Uint8Array | null, d: Dissection): (number | null)[] {
  const length = Math.max(input?.length ?? 0, dissectionEnd(d));
  const out: (number | null)[] = Array.from({ length }, (_, i) => (input && i < input.length ? input[i] : null));
  for (const p of d.pdus) for (const f of p.fields) overlay(out, f);
  if (d.trailing) overlay(out, d.trailing);
  return out;
}

export interface HexRow {
  offset: number;
  /** Offsets of the row's octets (fewer than OCTETS_PER_ROW in the last row). */
  offsets: number[];
}

/** Rows of `perRow` octets for `length` octets. */
export function hexRows(length: number, perRow = OCTETS_PER_ROW): HexRow[] {
  const rows: HexRow[] = [];
  for (let offset = 0; offset < length; offset += perRow) {
    const n = Math.min(perRow, length - offset);
    rows.push({ offset, offsets: Array.from({ length: n }, (_, i) => offset + i) });
  }
  return rows;
}

/** Decimal offset padded to the width of the largest offset (at least 4). */
export function formatOffset(offset: number, total: number): string {
  const width = Math.max(4, String(Math.max(0, total - 1)).length);
  return String(offset).padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// The field tree.

export interface FieldNode {
  /** Unique in the dissection: `p<pdu>/<i>.<j>…` for PDU fields, `t/<i>…` for trailing octets. */
  id: string;
  field: Field;
  /** 1 for a top-level field (aria-level). */
  level: number;
  parentId: string | null;
  /** Ids of the children, in order. */
  childIds: string[];
  /** 1-based position among its siblings and their count (aria-posinset / aria-setsize). */
  posInSet: number;
  setSize: number;
}

/** One tree: the fields of a PDU (or of the trailing octets), depth first, in wire order. */
export interface FieldTree {
  key: string;
  nodes: FieldNode[];
}

function flatten(fields: readonly Field[], prefix: string, parentId: string | null, level: number, out: FieldNode[]): string[] {
  const ids: string[] = [];
  fields.forEach((field, i) => {
    const id = parentId === null ? `${prefix}${i}` : `${parentId}.${i}`;
    ids.push(id);
    const node: FieldNode = { id, field, level, parentId, childIds: [], posInSet: i + 1, setSize: fields.length };
    out.push(node);
    node.childIds = flatten(field.children, prefix, id, level + 1, out);
  });
  return ids;
}

export function fieldTree(key: string, fields: readonly Field[]): FieldTree {
  const nodes: FieldNode[] = [];
  flatten(fields, `${key}/`, null, 1, nodes);
  return { key, nodes };
}

/** A tree per PDU (`p0`, `p1`, …) and one for the trailing octets (`t`) when there are some. */
export function dissectionTrees(d: Dissection): { pdus: FieldTree[]; trailing: FieldTree | null } {
  return {
    pdus: d.pdus.map((p, i) => fieldTree(`p${i}`, p.fields)),
    trailing: d.trailing ? fieldTree('t', [d.trailing]) : null,
  };
}

export function indexNodes(trees: readonly FieldTree[]): Map<string, FieldNode> {
  const byId = new Map<string, FieldNode>();
  for (const t of trees) for (const n of t.nodes) byId.set(n.id, n);
  return byId;
}

/** Ids of the node's ancestors, nearest first. */
export function ancestorIds(id: string, byId: ReadonlyMap<string, FieldNode>): string[] {
  const out: string[] = [];
  let parent = byId.get(id)?.parentId ?? null;
  while (parent !== null) {
    out.push(parent);
    parent = byId.get(parent)?.parentId ?? null;
  }
  return out;
}

function sameRange(a: Field, b: Field): boolean {
  return a.offset === b.offset && a.length === b.length;
}

function hasWarning(f: Field): boolean {
  return f.warning !== null || f.children.some(hasWarning);
}

/**
 * Fields open at first: those that split their octets into smaller parts (TLVs, UDH, receipt
 * text...) or hide a warning. Bit groups, which only re-read the same octet, stay closed.
 */
export function defaultExpanded(nodes: readonly FieldNode[]): Set<string> {
  const open = new Set<string>();
  for (const n of nodes) {
    const f = n.field;
    if (f.children.length === 0) continue;
    const onlyBitGroups = f.children.every((c) => c.children.length === 0 && sameRange(c, f));
    if (!onlyBitGroups || hasWarning(f)) open.add(n.id);
  }
  return open;
}

/** The rows a tree shows: nodes whose ancestors are all expanded, in order. */
export function visibleNodes(nodes: readonly FieldNode[], expanded: ReadonlySet<string>): FieldNode[] {
  const out: FieldNode[] = [];
  const shown = new Set<string>();
  for (const n of nodes) {
    if (n.parentId === null || (shown.has(n.parentId) && expanded.has(n.parentId))) {
      out.push(n);
      shown.add(n.id);
    }
  }
  return out;
}

/** The node itself when visible, else its nearest ancestor that is. */
export function nearestVisible(
  id: string,
  byId: ReadonlyMap<string, FieldNode>,
  expanded: ReadonlySet<string>,
): string {
  const chain = [id, ...ancestorIds(id, byId)].reverse(); // root first
  for (let i = 1; i < chain.length; i++) {
    if (!expanded.has(chain[i - 1])) return chain[i - 1];
  }
  return id;
}

function contains(f: Field, offset: number): boolean {
  return f.length > 0 && offset >= f.offset && offset < f.offset + f.length;
}

/**
 * The field that owns an octet: the narrowest field covering it; among equally narrow ones the
 * outermost (so the octet of esm_class is esm_class, not one of its bit groups).
 */
export function fieldAtOffset(nodes: readonly FieldNode[], offset: number): FieldNode | null {
  let best: FieldNode | null = null;
  for (const n of nodes) {
    if (!contains(n.field, offset)) continue;
    if (best === null || n.field.length < best.field.length) best = n;
  }
  return best;
}

/** The field owning an octet across all trees. */
export function fieldAtOffsetIn(trees: readonly FieldTree[], offset: number): FieldNode | null {
  for (const t of trees) {
    const hit = fieldAtOffset(t.nodes, offset);
    if (hit) return hit;
  }
  return null;
}

export type TreeMove =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | { kind: 'toggle'; id: string }
  | { kind: 'expandSiblings'; ids: string[] }
  | null;

/**
 * What a key does on a tree row (WAI-ARIA tree view pattern): ↑/↓ move, → opens or enters,
 * ← closes or goes to the parent, Home/End, Enter/Space toggle, * opens all siblings.
 */
export function treeKey(
  key: string,
  current: FieldNode,
  visible: readonly FieldNode[],
  expanded: ReadonlySet<string>,
): TreeMove {
  const at = visible.findIndex((n) => n.id === current.id);
  const hasChildren = current.childIds.length > 0;
  const isOpen = expanded.has(current.id);
  switch (key) {
    case 'ArrowDown':
      return at >= 0 && at < visible.length - 1 ? { kind: 'focus', id: visible[at + 1].id } : null;
    case 'ArrowUp':
      return at > 0 ? { kind: 'focus', id: visible[at - 1].id } : null;
    case 'Home':
      return visible.length > 0 ? { kind: 'focus', id: visible[0].id } : null;
    case 'End':
      return visible.length > 0 ? { kind: 'focus', id: visible[visible.length - 1].id } : null;
    case 'ArrowRight':
      if (!hasChildren) return null;
      return isOpen ? { kind: 'focus', id: current.childIds[0] } : { kind: 'expand', id: current.id };
    case 'ArrowLeft':
      if (hasChildren && isOpen) return { kind: 'collapse', id: current.id };
      return current.parentId !== null ? { kind: 'focus', id: current.parentId } : null;
    case 'Enter':
    case ' ':
      return hasChildren ? { kind: 'toggle', id: current.id } : null;
    case '*': {
      const siblings = visible.filter((n) => n.parentId === current.parentId && n.childIds.length > 0).map((n) => n.id);
      return siblings.length > 0 ? { kind: 'expandSiblings', ids: siblings } : null;
    }
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// What each octet of the input is part of.

/** `pdu[o]`: index of the PDU holding octet o, TRAILING for trailing octets, NONE for neither. */
export const TRAILING = -2;
export const NONE = -1;

export interface OctetMap {
  pdu: Int32Array;
  /** 1 when some top-level field (or the trailing octets) covers the octet, so it was read. */
  covered: Uint8Array;
  /** 1 for the 16 header octets of a PDU. */
  header: Uint8Array;
  /** 1 for the first octet of a PDU (and of the trailing octets). */
  start: Uint8Array;
}

const HEADER_LEN = 16;

export function octetMap(d: Dissection, length: number): OctetMap {
  const pdu = new Int32Array(length).fill(NONE);
  const covered = new Uint8Array(length);
  const header = new Uint8Array(length);
  const start = new Uint8Array(length);
  const mark = (f: Field) => {
    for (let o = f.offset; o < Math.min(length, f.offset + f.length); o++) covered[o] = 1;
  };
  d.pdus.forEach((p, i) => {
    if (p.offset < length) start[p.offset] = 1;
    for (let o = p.offset; o < Math.min(length, p.offset + p.length); o++) {
      pdu[o] = i;
      if (o - p.offset < HEADER_LEN) header[o] = 1;
    }
    p.fields.forEach(mark);
  });
  if (d.trailing) {
    if (d.trailing.offset < length) start[d.trailing.offset] = 1;
    for (let o = d.trailing.offset; o < Math.min(length, d.trailing.offset + d.trailing.length); o++) pdu[o] = TRAILING;
    mark(d.trailing);
  }
  return { pdu, covered, header, start };
}
