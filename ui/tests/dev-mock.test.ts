// The dev mock answers like the backend (same rules as the Rust tests, real dissection JSON).
import { describe, expect, it } from 'vitest';
import { mockPreviewEncoding } from '../src/lib/dev-mock-encoding';
import { dissectLoosely, FIXTURES, mockInspectPdus } from '../src/lib/dev-mock-inspect';
import { parseHex } from '../src/lib/inspector';

describe('mock preview_encoding', () => {
  it('counts GSM7 single and multipart like console_core', () => {
    expect(mockPreviewEncoding('Hello')).toMatchObject({ alphabet: 'GSM7', parts: 1, units: 5, unitsLeft: 155 });
    expect(mockPreviewEncoding('a'.repeat(161))).toMatchObject({ parts: 2, unitsPerPart: 153, unitsLeft: 153 * 2 - 161 });
    expect(mockPreviewEncoding('€').units).toBe(2);
    expect(mockPreviewEncoding('€').reason).toBe("GSM7 because every character is in the GSM 7-bit alphabet ('€' cost two septets each)");
    expect(mockPreviewEncoding('')).toMatchObject({ chars: 0, parts: 1, unitsLeft: 160 });
  });

  it('names the characters that force UCS2', () => {
    const p = mockPreviewEncoding('Hi 😀 ж');
    expect(p.alphabet).toBe('UCS2');
    expect(p.forcedBy).toEqual(['😀', 'ж']);
    expect(p.units).toBe(7);
    expect(p.reason).toBe("UCS2 because '😀', 'ж' are not in the GSM 7-bit alphabet");
    expect(mockPreviewEncoding('x\u200b').reason).toBe('UCS2 because U+200B is not in the GSM 7-bit alphabet');
  });

  it('never splits an escape pair across parts', () => {
    // 152 + 2 would be 154 > 153: the € moves whole to the second part (2 + 10 septets there).
    const p = mockPreviewEncoding('a'.repeat(152) + '€' + 'b'.repeat(10));
    expect(p).toMatchObject({ parts: 2, units: 164, unitsPerPart: 153, unitsLeft: 141 });
  });
});

describe('mock inspect_pdus', () => {
  it('answers a fixture input with its saved dissection', () => {
    expect(mockInspectPdus({ hex: FIXTURES.bind.hex, showPasswords: false })).toEqual(FIXTURES.bind.dissection);
    expect(mockInspectPdus({ hex: FIXTURES.bind.hex, showPasswords: true })).toEqual(FIXTURES.bindShown.dissection);
  });

  it('puts single-PDU fixtures together exactly like the backend does', () => {
    const parsed = parseHex(FIXTURES.threePdus.hex);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(dissectLoosely(parsed.bytes, false)).toEqual(FIXTURES.threePdus.dissection);
  });

  it('rejects bad hex with a validation ApiError', () => {
    expect(() => mockInspectPdus({ hex: '  ', showPasswords: false })).toThrow();
    try {
      mockInspectPdus({ hex: '00 zz', showPasswords: false });
      expect.unreachable();
    } catch (e) {
      expect(e).toEqual({
        code: 'validation',
        message:
          "invalid character 'z' at position 4 (counting from 1): only hex digits 0-9 a-f A-F, whitespace, ':', '-', ',' and '0x' prefixes are allowed. Paste hex digits only.",
      });
    }
  });

  it('dissects the header of an unknown PDU and keeps leftovers as trailing octets', () => {
    const d = mockInspectPdus({ hex: '00000010 00000015 00000000 00000007 0000', showPasswords: false });
    expect(d.pdus.map((p) => [p.command_name, p.sequence_number])).toEqual([['enquire_link', 7]]);
    expect(d.trailing).toMatchObject({ offset: 16, length: 2 });
    const resp = mockInspectPdus({ hex: '00000010 80000015 00000000 00000007', showPasswords: false });
    expect(resp.pdus[0].command_name).toBe('enquire_link_resp');
  });
});
