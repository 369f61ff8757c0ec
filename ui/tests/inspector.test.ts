import { describe, expect, it } from 'vitest';
import type { Dissection } from '../src/lib/bindings/Dissection';
import bindFx from '../src/lib/dev-fixtures/bind-transceiver.json';
import deliverFx from '../src/lib/dev-fixtures/deliver-sm-receipt.json';
import threeFx from '../src/lib/dev-fixtures/three-pdus.json';
import trailingFx from '../src/lib/dev-fixtures/submit-sm-resp-trailing.json';
import udhFx from '../src/lib/dev-fixtures/submit-sm-ucs2-udh.json';
import {
  ancestorIds,
  asciiChar,
  defaultExpanded,
  dissectionEnd,
  dissectionTrees,
  fieldAtOffset,
  fieldAtOffsetIn,
  fieldTree,
  formatOffset,
  hexRows,
  indexNodes,
  nearestVisible,
  NONE,
  octetMap,
  parseHex,
  TRAILING,
  treeKey,
  viewBytes,
  visibleNodes,
  type FieldNode,
} from '../src/lib/inspector';

const bind = bindFx.dissection as Dissection;
const deliver = deliverFx.dissection as Dissection;
const three = threeFx.dissection as Dissection;
const trailing = trailingFx.dissection as Dissection;
const udh = udhFx.dissection as Dissection;

function bytesOf(hex: string): Uint8Array {
  const r = parseHex(hex);
  if (!r.ok) throw new Error(r.message);
  return r.bytes;
}

const names = (nodes: readonly FieldNode[]) => nodes.map((n) => n.field.name);

describe('parseHex', () => {
  it('reads hex the way people paste it', () => {
    expect(Array.from(bytesOf('00 01\n0a0B'))).toEqual([0, 1, 10, 11]);
    expect(Array.from(bytesOf('0x00000010 0X15'))).toEqual([0, 0, 0, 0x10, 0x15]);
    expect(Array.from(bytesOf('de:ad-be,ef'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
    expect(Array.from(bytesOf('  \t '))).toEqual([]);
  });

  it('says which character is wrong and where (counting from 1, in characters)', () => {
    expect(parseHex('00 zz')).toEqual({
      ok: false,
      message:
        "invalid character 'z' at position 4 (counting from 1): only hex digits 0-9 a-f A-F, whitespace, ':', '-', ',' and '0x' prefixes are allowed",
    });
    // A 0x prefix only counts at the start of a group.
    expect(parseHex('0x0x00')).toMatchObject({ ok: false, message: expect.stringContaining("'x' at position 4") });
    // Positions count code points, not UTF-16 units; invisible characters are named by code point.
    expect(parseHex('😀')).toMatchObject({ message: expect.stringContaining('U+1F600 at position 1') });
    expect(parseHex('00é')).toMatchObject({ message: expect.stringContaining('U+00E9 at position 3') });
  });

  it('rejects an odd number of digits, naming the lonely one', () => {
    expect(parseHex('abc')).toEqual({
      ok: false,
      message:
        "odd number of hex digits (3): every octet needs two digits; the last digit 'c' at position 3 (counting from 1) has no partner",
    });
  });
});

describe('hex view layout', () => {
  it('cuts rows of 16 octets with their offsets', () => {
    const rows = hexRows(33);
    expect(rows.map((r) => r.offset)).toEqual([0, 16, 32]);
    expect(rows[0].offsets).toHaveLength(16);
    expect(rows[2].offsets).toEqual([32]);
    expect(hexRows(0)).toEqual([]);
    expect(hexRows(16)).toHaveLength(1);
  });

  it('pads offsets to the widest one', () => {
    expect(formatOffset(16, 145)).toBe('0016');
    expect(formatOffset(16, 100_001)).toBe('000016');
  });

  it('shows printable ASCII, dots otherwise', () => {
    expect(asciiChar(0x41)).toBe('A');
    expect(asciiChar(0x00)).toBe('.');
    expect(asciiChar(0x7f)).toBe('.');
    expect(asciiChar(null)).toBe(' ');
  });

  it('shows masked password octets as the backend reported them', () => {
    const input = bytesOf(bindFx.hex);
    const view = viewBytes(input, bind);
    expect(view).toHaveLength(33);
    const password = bind.pdus[0].fields.find((f) => f.name === 'password')!;
    expect(view.slice(password.offset, password.offset + 6)).toEqual(Array(6).fill(0x2a));
    expect(view[password.offset + 6]).toBe(0);
    // Everything else is the input.
    expect(view.slice(0, 21)).toEqual(Array.from(input.slice(0, 21)));
  });

  it('falls back to the field octets without the input', () => {
    const view = viewBytes(null, trailing);
    expect(view).toHaveLength(dissectionEnd(trailing));
    expect(view.slice(16)).toEqual([0, 0, 0, 0x0a]);
  });

  it('maps octets to PDUs, headers, PDU starts and trailing octets', () => {
    const map = octetMap(three, dissectionEnd(three));
    expect(dissectionEnd(three)).toBe(145);
    expect([map.pdu[0], map.pdu[32], map.pdu[33], map.pdu[84], map.pdu[144]]).toEqual([0, 0, 1, 2, 2]);
    expect([map.header[33], map.header[48], map.header[49]]).toEqual([1, 1, 0]);
    expect([map.start[0], map.start[33], map.start[84], map.start[85]]).toEqual([1, 1, 1, 0]);
    expect(map.covered.every((c) => c === 1)).toBe(true);

    const t = octetMap(trailing, 20);
    expect([t.pdu[15], t.pdu[16], t.pdu[19]]).toEqual([0, TRAILING, TRAILING]);
    expect(t.start[16]).toBe(1);
    expect(octetMap(trailing, 22).pdu[21]).toBe(NONE);
  });
});

describe('field tree', () => {
  const tree = fieldTree('p0', deliver.pdus[0].fields);
  const byId = indexNodes([tree]);
  const find = (name: string) => tree.nodes.find((n) => n.field.name === name)!;

  it('flattens depth first with levels, parents and positions', () => {
    expect(tree.nodes[0]).toMatchObject({ id: 'p0/0', level: 1, parentId: null, posInSet: 1 });
    const tlvs = find('tlvs');
    expect(tlvs.childIds).toHaveLength(2);
    const state = byId.get(tlvs.childIds[1])!;
    expect(state).toMatchObject({ level: 2, parentId: tlvs.id, posInSet: 2, setSize: 2 });
    expect(state.field.name).toBe('message_state');
    expect(names(state.childIds.map((id) => byId.get(id)!))).toEqual(['tag', 'length', 'value']);
    expect(ancestorIds(state.childIds[0], byId)).toEqual([state.id, tlvs.id]);
  });

  it('gives every field of every PDU its own id', () => {
    const trees = dissectionTrees(three);
    expect(trees.pdus.map((t) => t.key)).toEqual(['p0', 'p1', 'p2']);
    expect(trees.trailing).toBeNull();
    const all = indexNodes(trees.pdus);
    expect(all.size).toBe(trees.pdus.reduce((n, t) => n + t.nodes.length, 0));
    expect(dissectionTrees(trailing).trailing?.nodes.map((n) => n.id)).toEqual(['t/0', 't/0.0']);
  });

  it('opens fields that split their octets, keeps bit groups closed', () => {
    const open = defaultExpanded(tree.nodes);
    expect(open.has(find('tlvs').id)).toBe(true);
    expect(open.has(find('short_message').id)).toBe(true);
    expect(open.has(find('receipt').id)).toBe(true);
    expect(open.has(find('esm_class').id)).toBe(false);
    expect(open.has(find('registered_delivery').id)).toBe(false);
    // A field with a warning inside opens so the warning shows.
    const t = dissectionTrees(trailing).trailing!;
    expect(defaultExpanded(t.nodes).has('t/0')).toBe(true);
  });

  it('shows only the rows under open fields', () => {
    const all = new Set(tree.nodes.filter((n) => n.childIds.length > 0).map((n) => n.id));
    expect(visibleNodes(tree.nodes, all)).toHaveLength(tree.nodes.length);
    const closed = visibleNodes(tree.nodes, new Set());
    expect(closed.every((n) => n.level === 1)).toBe(true);
    expect(closed).toHaveLength(deliver.pdus[0].fields.length);
    // A child of a closed field stays hidden even when the child itself is open.
    const onlyReceipt = visibleNodes(tree.nodes, new Set([find('receipt').id]));
    expect(names(onlyReceipt)).not.toContain('stat');
  });

  it('finds the nearest visible row for a hidden field', () => {
    const id = find('stat').id;
    expect(nearestVisible(id, byId, new Set())).toBe(find('short_message').id);
    expect(nearestVisible(id, byId, new Set([find('short_message').id]))).toBe(find('receipt').id);
    expect(nearestVisible(id, byId, new Set([find('short_message').id, find('receipt').id]))).toBe(id);
  });
});

describe('which field owns an octet', () => {
  const tree = fieldTree('p0', deliver.pdus[0].fields);
  const at = (o: number) => fieldAtOffset(tree.nodes, o)?.field.name ?? null;

  it('picks the narrowest field, the outer one among equals', () => {
    expect(at(0)).toBe('command_length');
    expect(at(23)).toBe('esm_class'); // not one of its bit groups
    expect(at(34)).toBe('short_message'); // in the receipt text, but in none of its fields
    expect(at(36)).toBe('id');
    expect(at(43)).toBe('stat');
    expect(at(50)).toBe('tag'); // receipted_message_id's tag
    expect(at(56)).toBe('tag'); // message_state's tag
    expect(at(60)).toBe('value');
    expect(at(61)).toBeNull();
  });

  it('ignores missing (zero-length) fields', () => {
    const t = fieldTree('p0', trailing.pdus[0].fields);
    expect(fieldAtOffset(t.nodes, 16)).toBeNull();
  });

  it('works across PDUs with absolute offsets', () => {
    const trees = dissectionTrees(three).pdus;
    expect(fieldAtOffsetIn(trees, 21)?.field.name).toBe('password');
    expect(fieldAtOffsetIn(trees, 21)?.id.startsWith('p0/')).toBe(true);
    expect(fieldAtOffsetIn(trees, 33)?.field.name).toBe('command_length');
    expect(fieldAtOffsetIn(trees, 33)?.id.startsWith('p1/')).toBe(true);
    expect(fieldAtOffsetIn(trees, 120)?.field.name).toBe('id');
  });

  it('reaches UDH information elements', () => {
    const t = fieldTree('p0', udh.pdus[0].fields);
    expect(fieldAtOffset(t.nodes, 49)?.field.name).toBe('udhl');
    expect(fieldAtOffset(t.nodes, 52)?.field.name).toBe('reference');
    expect(fieldAtOffset(t.nodes, 60)?.field.name).toBe('user_data');
  });
});

describe('tree keyboard', () => {
  const tree = fieldTree('p0', deliver.pdus[0].fields);
  const byName = (name: string) => tree.nodes.find((n) => n.field.name === name)!;
  const tlvs = byName('tlvs');
  const esm = byName('esm_class');
  const expanded = new Set([tlvs.id]);
  const visible = visibleNodes(tree.nodes, expanded);

  it('moves up, down, home and end through visible rows', () => {
    expect(treeKey('ArrowDown', visible[0], visible, expanded)).toEqual({ kind: 'focus', id: visible[1].id });
    expect(treeKey('ArrowUp', visible[0], visible, expanded)).toBeNull();
    expect(treeKey('ArrowUp', visible[1], visible, expanded)).toEqual({ kind: 'focus', id: visible[0].id });
    expect(treeKey('End', visible[0], visible, expanded)).toEqual({ kind: 'focus', id: visible[visible.length - 1].id });
    expect(treeKey('Home', visible[5], visible, expanded)).toEqual({ kind: 'focus', id: visible[0].id });
    const last = visible[visible.length - 1];
    expect(treeKey('ArrowDown', last, visible, expanded)).toBeNull();
  });

  it('opens, enters, closes and climbs with the arrows', () => {
    expect(treeKey('ArrowRight', esm, visible, expanded)).toEqual({ kind: 'expand', id: esm.id });
    expect(treeKey('ArrowRight', tlvs, visible, expanded)).toEqual({ kind: 'focus', id: tlvs.childIds[0] });
    expect(treeKey('ArrowLeft', tlvs, visible, expanded)).toEqual({ kind: 'collapse', id: tlvs.id });
    const child = visible.find((n) => n.id === tlvs.childIds[0])!;
    expect(treeKey('ArrowLeft', child, visible, expanded)).toEqual({ kind: 'focus', id: tlvs.id });
    expect(treeKey('ArrowLeft', esm, visible, expanded)).toBeNull();
    expect(treeKey('ArrowRight', visible[0], visible, expanded)).toBeNull();
  });

  it('toggles with Enter and Space, opens siblings with *', () => {
    expect(treeKey('Enter', esm, visible, expanded)).toEqual({ kind: 'toggle', id: esm.id });
    expect(treeKey(' ', tlvs, visible, expanded)).toEqual({ kind: 'toggle', id: tlvs.id });
    expect(treeKey('Enter', visible[0], visible, expanded)).toBeNull();
    const star = treeKey('*', visible[0], visible, expanded);
    expect(star?.kind).toBe('expandSiblings');
    expect(star && 'ids' in star ? star.ids : []).toEqual(
      visible.filter((n) => n.level === 1 && n.childIds.length > 0).map((n) => n.id),
    );
    expect(treeKey('x', visible[0], visible, expanded)).toBeNull();
  });
});
