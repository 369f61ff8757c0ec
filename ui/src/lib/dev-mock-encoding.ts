// Dev-only stand-in for preview_encoding (console_core::preview_encoding), used by dev-mock.ts.
// Mirrors the Rust rules: GSM 03.38 basic table + extension table (two septets), else UCS2
// (UTF-16 code units); 160/153 or 70/67 units per part; characters never split across parts.
import type { EncodingPreview } from '$lib/bindings/EncodingPreview';
import { codePointLabel } from '$lib/format';

const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));
const REASON_LIST_LIMIT = 8;

function showChar(c: string): string {
  const invisible = /^[\p{Cc}\u200b-\u200f\u2060-\u206f\ufeff\u00ad]$/u.test(c) || (/^\s$/u.test(c) && c !== ' ');
  return invisible ? codePointLabel(c) : `'${c}'`;
}

function distinct(chars: readonly string[], keep: (c: string) => boolean): string[] {
  const out: string[] = [];
  for (const c of chars) if (keep(c) && !out.includes(c)) out.push(c);
  return out;
}

export function mockPreviewEncoding(text: string): EncodingPreview {
  const chars = Array.from(text);
  const forcedBy = distinct(chars, (c) => !GSM_BASIC.has(c) && !GSM_EXTENSION.has(c));
  const gsm = forcedBy.length === 0;
  let reason: string;
  if (gsm) {
    reason = 'GSM7 because every character is in the GSM 7-bit alphabet';
    const extended = distinct(chars, (c) => GSM_EXTENSION.has(c));
    if (extended.length > 0) reason += ` (${extended.map(showChar).join(', ')} cost two septets each)`;
  } else {
    const listed = forcedBy.slice(0, REASON_LIST_LIMIT).map(showChar);
    if (forcedBy.length > REASON_LIST_LIMIT) listed.push(`and ${forcedBy.length - REASON_LIST_LIMIT} more`);
    reason = `UCS2 because ${listed.join(', ')} ${forcedBy.length === 1 ? 'is' : 'are'} not in the GSM 7-bit alphabet`;
  }
  const charUnits = chars.map((c) => (gsm ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
  const units = charUnits.reduce((a, b) => a + b, 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  let plan: number[];
  if (units <= single) plan = [units];
  else {
    plan = [];
    let current = 0;
    for (const u of charUnits) {
      if (current + u > multi) {
        plan.push(current);
        current = 0;
      }
      current += u;
    }
    plan.push(current);
  }
  const unitsPerPart = plan.length === 1 ? single : multi;
  return {
    alphabet: gsm ? 'GSM7' : 'UCS2',
    reason,
    chars: chars.length,
    units,
    parts: plan.length,
    unitsPerPart,
    unitsLeft: Math.max(0, unitsPerPart - plan[plan.length - 1]),
    forcedBy,
  };
}
