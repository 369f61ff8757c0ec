// Labels for the Send page's live encoding preview (preview_encoding), and a guard that keeps
// only the newest of several overlapping requests.
import type { EncodingPreview } from '$lib/bindings/EncodingPreview';
import { codePointLabel } from '$lib/format';

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What the alphabet counts in: septets for GSM7, UTF-16 code units for UCS2. */
export function unitName(alphabet: string, n: number): string {
  if (alphabet === 'GSM7') return n === 1 ? 'septet' : 'septets';
  if (alphabet === 'UCS2') return n === 1 ? 'code unit' : 'code units';
  return n === 1 ? 'unit' : 'units';
}

/** Units used in the last (current) part. */
export function unitsInLastPart(p: EncodingPreview): number {
  return Math.max(0, p.unitsPerPart - p.unitsLeft);
}

/** "2 parts · 12 characters left in this part". */
export function previewPartsLabel(p: EncodingPreview): string {
  if (p.parts === 0) return 'cannot be split into parts';
  return `${plural(p.parts, 'part', 'parts')} · ${plural(p.unitsLeft, 'character', 'characters')} left in this part`;
}

/** "GSM7 · 2 parts · 12 characters left in this part". */
export function previewSummary(p: EncodingPreview): string {
  return `${p.alphabet} · ${previewPartsLabel(p)}`;
}

/** "148/153 septets": units used in the last part and what a part holds (160 or 70 when single). */
export function previewUnits(p: EncodingPreview): string {
  if (p.parts === 0) return `${p.units} ${unitName(p.alphabet, p.units)}`;
  return `${unitsInLastPart(p)}/${p.unitsPerPart} ${unitName(p.alphabet, p.unitsPerPart)}`;
}

/** A longer explanation for a tooltip. */
export function previewDetail(p: EncodingPreview): string {
  const total = `${p.units} ${unitName(p.alphabet, p.units)} for ${plural(p.chars, 'character', 'characters')}`;
  if (p.parts <= 1) return `${total}; one part holds ${p.unitsPerPart}.`;
  return `${total}; split into ${p.parts} parts of up to ${p.unitsPerPart} (the rest of each part is the concatenation header).`;
}

/** How full the last part is, 0..1, for the meter. */
export function partFill(p: EncodingPreview): number {
  if (p.unitsPerPart <= 0) return 0;
  return Math.min(1, unitsInLastPart(p) / p.unitsPerPart);
}

/** Whether the reason tells more than "every character is GSM": UCS2, escape pairs, or a problem. */
export function reasonWorthShowing(p: EncodingPreview): boolean {
  return p.alphabet !== 'GSM7' || p.units !== p.chars || p.parts === 0;
}

export interface ReasonPart {
  text: string;
  /** The character this part quotes, when it is one of forcedBy. */
  forced: string | null;
}

/**
 * Splits the reason sentence so each quoted forcing character ('ж') can be highlighted. The
 * backend quotes visible characters and writes invisible ones as U+XXXX.
 */
export function reasonParts(reason: string, forcedBy: readonly string[]): ReasonPart[] {
  const tokens = new Map<string, string>();
  for (const c of forcedBy) {
    tokens.set(`'${c}'`, c);
    tokens.set(codePointLabel(c), c);
  }
  if (tokens.size === 0) return [{ text: reason, forced: null }];
  const escaped = [...tokens.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(escaped.join('|'), 'gu');
  const out: ReasonPart[] = [];
  let last = 0;
  for (const m of reason.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: reason.slice(last, at), forced: null });
    out.push({ text: m[0], forced: tokens.get(m[0]) ?? null });
    last = at + m[0].length;
  }
  if (last < reason.length) out.push({ text: reason.slice(last), forced: null });
  return out;
}

/** Characters with no visible glyph (controls, odd spaces, zero-width marks), shown by code point only. */
export function isInvisible(c: string): boolean {
  return /^[\p{Cc}\p{Cf}\p{Z}\u00ad]$/u.test(c) && c !== ' ';
}

/**
 * Keeps only the newest answer when requests overlap: `track` wraps each request's promise and
 * resolves to `{ stale: true }` for any answer that arrives after a newer request started.
 */
export function latestOnly() {
  let generation = 0;
  return {
    async track<T>(promise: Promise<T>): Promise<{ stale: false; value: T } | { stale: true }> {
      const mine = ++generation;
      try {
        const value = await promise;
        return mine === generation ? { stale: false, value } : { stale: true };
      } catch (e) {
        if (mine !== generation) return { stale: true };
        throw e;
      }
    },
    /** Makes every answer still in flight stale (e.g. when the page goes away). */
    cancel(): void {
      generation += 1;
    },
  };
}
