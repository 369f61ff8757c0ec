import { describe, expect, it } from 'vitest';
import type { EncodingPreview } from '../src/lib/bindings/EncodingPreview';
import {
  isInvisible,
  latestOnly,
  partFill,
  previewDetail,
  previewPartsLabel,
  previewSummary,
  previewUnits,
  reasonParts,
  reasonWorthShowing,
  unitName,
} from '../src/lib/encoding';
import { codePointLabel } from '../src/lib/format';

function preview(patch: Partial<EncodingPreview>): EncodingPreview {
  return {
    alphabet: 'GSM7',
    reason: 'GSM7 because every character is in the GSM 7-bit alphabet',
    chars: 5,
    units: 5,
    parts: 1,
    unitsPerPart: 160,
    unitsLeft: 155,
    forcedBy: [],
    ...patch,
  };
}

// 161 GSM characters: two parts of 153 septets, 145 left in the second.
const twoParts = preview({ chars: 161, units: 161, parts: 2, unitsPerPart: 153, unitsLeft: 145 });
const ucs2 = preview({
  alphabet: 'UCS2',
  reason: "UCS2 because '😀', 'ж' are not in the GSM 7-bit alphabet",
  chars: 6,
  units: 7,
  unitsPerPart: 70,
  unitsLeft: 63,
  forcedBy: ['😀', 'ж'],
});

describe('preview labels', () => {
  it('summarises alphabet, parts and what is left in the last part', () => {
    expect(previewSummary(twoParts)).toBe('GSM7 · 2 parts · 145 characters left in this part');
    expect(previewSummary(preview({ unitsLeft: 1 }))).toBe('GSM7 · 1 part · 1 character left in this part');
    expect(previewPartsLabel(ucs2)).toBe('1 part · 63 characters left in this part');
    expect(previewSummary(preview({ parts: 0, unitsPerPart: 0, unitsLeft: 0 }))).toBe('GSM7 · cannot be split into parts');
  });

  it('counts units in the alphabet’s own terms', () => {
    expect(previewUnits(twoParts)).toBe('8/153 septets');
    expect(previewUnits(preview({}))).toBe('5/160 septets');
    expect(previewUnits(ucs2)).toBe('7/70 code units');
    expect(unitName('GSM7', 1)).toBe('septet');
    expect(unitName('UCS2', 2)).toBe('code units');
    expect(previewDetail(twoParts)).toContain('161 septets for 161 characters; split into 2 parts of up to 153');
    expect(previewDetail(ucs2)).toBe('7 code units for 6 characters; one part holds 70.');
  });

  it('fills the meter with the last part', () => {
    expect(partFill(preview({ unitsLeft: 160 }))).toBe(0);
    expect(partFill(preview({ unitsLeft: 0 }))).toBe(1);
    expect(partFill(preview({ unitsPerPart: 0, unitsLeft: 0, parts: 0 }))).toBe(0);
  });

  it('shows the reason only when it tells something', () => {
    expect(reasonWorthShowing(preview({}))).toBe(false);
    expect(reasonWorthShowing(ucs2)).toBe(true);
    // € costs two septets.
    expect(reasonWorthShowing(preview({ chars: 1, units: 2 }))).toBe(true);
  });
});

describe('reason highlighting', () => {
  it('marks each quoted forcing character', () => {
    expect(reasonParts(ucs2.reason, ucs2.forcedBy)).toEqual([
      { text: 'UCS2 because ', forced: null },
      { text: "'😀'", forced: '😀' },
      { text: ', ', forced: null },
      { text: "'ж'", forced: 'ж' },
      { text: ' are not in the GSM 7-bit alphabet', forced: null },
    ]);
  });

  it('marks invisible characters the backend writes as code points', () => {
    const parts = reasonParts('UCS2 because U+200B is not in the GSM 7-bit alphabet', ['\u200b']);
    expect(parts.filter((p) => p.forced !== null)).toEqual([{ text: 'U+200B', forced: '\u200b' }]);
  });

  it('leaves a reason without forcing characters alone', () => {
    expect(reasonParts('GSM7 because …', [])).toEqual([{ text: 'GSM7 because …', forced: null }]);
  });

  it('labels code points', () => {
    expect(codePointLabel('ж')).toBe('U+0436');
    expect(codePointLabel('😀')).toBe('U+1F600');
    expect(codePointLabel('A')).toBe('U+0041');
    expect(isInvisible('\u200b')).toBe(true);
    expect(isInvisible('\t')).toBe(true);
    expect(isInvisible(' ')).toBe(false);
    expect(isInvisible('ж')).toBe(false);
  });
});

describe('latestOnly', () => {
  function deferred<T>() {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  it('drops answers that arrive after a newer request started', async () => {
    const latest = latestOnly();
    const a = deferred<string>();
    const b = deferred<string>();
    const first = latest.track(a.promise);
    const second = latest.track(b.promise);
    b.resolve('new');
    a.resolve('old');
    expect(await second).toEqual({ stale: false, value: 'new' });
    expect(await first).toEqual({ stale: true });
  });

  it('rethrows only the newest failure', async () => {
    const latest = latestOnly();
    const a = deferred<string>();
    const first = latest.track(a.promise);
    const second = latest.track(Promise.reject(new Error('boom')));
    a.reject(new Error('old'));
    expect(await first).toEqual({ stale: true });
    await expect(second).rejects.toThrow('boom');
  });

  it('cancel makes everything in flight stale', async () => {
    const latest = latestOnly();
    const pending = latest.track(Promise.resolve(1));
    latest.cancel();
    expect(await pending).toEqual({ stale: true });
  });
});
