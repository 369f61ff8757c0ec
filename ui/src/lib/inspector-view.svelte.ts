// The Inspector's interactive state for one dissection: which fields are open, selected and
// hovered, and which octets the hex view highlights. One instance per Inspector page.
import { SvelteSet } from 'svelte/reactivity';
import type { Dissection } from '$lib/bindings/Dissection';
import {
  ancestorIds,
  defaultExpanded,
  dissectionTrees,
  fieldAtOffsetIn,
  indexNodes,
  nearestVisible,
  octetMap,
  viewBytes,
  type FieldNode,
  type FieldTree,
  type OctetMap,
} from '$lib/inspector';

export interface OctetRange {
  start: number;
  /** Exclusive. */
  end: number;
}

export class InspectorView {
  readonly dissection: Dissection;
  readonly bytes: readonly (number | null)[];
  readonly trees: { pdus: FieldTree[]; trailing: FieldTree | null };
  readonly allTrees: FieldTree[];
  readonly byId: ReadonlyMap<string, FieldNode>;
  readonly octets: OctetMap;

  /** Ids of the open fields. */
  readonly expanded = new SvelteSet<string>();
  selectedId = $state<string | null>(null);
  /** A field hovered in the tree or through its octets. */
  hoverId = $state<string | null>(null);
  /** A range hovered that is not a field (a PDU's header line). */
  hoverRange = $state.raw<OctetRange | null>(null);
  /** The octet under the pointer, and the hex view's keyboard cursor. */
  hoverOctet = $state<number | null>(null);
  cursor = $state<number | null>(null);

  /** The field the highlight follows: the hovered one, else the selected one. */
  activeId: string | null = $derived(this.hoverId ?? (this.hoverRange ? null : this.selectedId));
  /** The octets the hex view highlights. */
  highlight: OctetRange | null;
  /** The row that stands for the active field: itself, or its nearest visible ancestor. */
  activeRowId: string | null;

  constructor(dissection: Dissection, input: Uint8Array | null) {
    this.dissection = dissection;
    this.bytes = viewBytes(input, dissection);
    this.trees = dissectionTrees(dissection);
    this.allTrees = this.trees.trailing ? [...this.trees.pdus, this.trees.trailing] : this.trees.pdus;
    this.byId = indexNodes(this.allTrees);
    this.octets = octetMap(dissection, this.bytes.length);
    for (const t of this.allTrees) for (const id of defaultExpanded(t.nodes)) this.expanded.add(id);
    this.highlight = $derived.by(() => {
      if (this.hoverRange) return this.hoverRange;
      const node = this.activeId ? this.byId.get(this.activeId) : undefined;
      if (!node || node.field.length === 0) return null;
      return { start: node.field.offset, end: node.field.offset + node.field.length };
    });
    this.activeRowId = $derived(this.activeId ? nearestVisible(this.activeId, this.byId, this.expanded) : null);
  }

  node(id: string): FieldNode | undefined {
    return this.byId.get(id);
  }

  isOpen(id: string): boolean {
    return this.expanded.has(id);
  }

  setOpen(ids: readonly string[], open: boolean): void {
    for (const id of ids) {
      if (open) this.expanded.add(id);
      else this.expanded.delete(id);
    }
    // A selection inside a closed field moves up to the field, so the focus stays on a row.
    if (!open && this.selectedId) this.selectedId = nearestVisible(this.selectedId, this.byId, this.expanded);
  }

  toggle(id: string): void {
    this.setOpen([id], !this.isOpen(id));
  }

  expandAll(): void {
    this.setOpen(
      [...this.byId.values()].filter((n) => n.childIds.length > 0).map((n) => n.id),
      true,
    );
  }

  collapseAll(): void {
    this.setOpen([...this.expanded], false);
  }

  /** Selects a field, opening its ancestors so its row shows. */
  select(id: string | null): void {
    if (id !== null) {
      const closed = ancestorIds(id, this.byId).filter((a) => !this.expanded.has(a));
      if (closed.length > 0) this.setOpen(closed, true);
    }
    this.selectedId = id;
  }

  fieldAt(offset: number): FieldNode | null {
    return fieldAtOffsetIn(this.allTrees, offset);
  }

  /** A field hovered in the tree (null when the pointer leaves it). */
  hoverField(id: string | null): void {
    this.hoverId = id;
    this.hoverOctet = null;
    this.hoverRange = null;
  }

  /** A range hovered that is not a field, e.g. a whole PDU from its header. */
  hoverOctets(range: OctetRange | null): void {
    this.hoverId = null;
    this.hoverOctet = null;
    this.hoverRange = range;
  }

  hoverAt(offset: number | null): void {
    this.hoverOctet = offset;
    this.hoverRange = null;
    this.hoverId = offset === null ? null : (this.fieldAt(offset)?.id ?? null);
  }

  /** Moves the hex cursor to an octet and selects the field that owns it. */
  moveCursor(offset: number): void {
    if (this.bytes.length === 0) return;
    const o = Math.max(0, Math.min(this.bytes.length - 1, offset));
    this.cursor = o;
    const hit = this.fieldAt(o);
    if (hit) this.select(hit.id);
  }
}
