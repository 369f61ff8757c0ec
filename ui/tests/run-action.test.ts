import { describe, expect, it } from 'vitest';

import { runAction } from '../src/lib/api';
import type { ApiError } from '../src/lib/bindings/ApiError';

describe('runAction', () => {
  it('marks the action busy while it runs and records a failure as an ApiError', async () => {
    const seen: (string | null)[] = [];
    let error: ApiError | null = { code: 'old', message: 'stale' };
    const set = { busy: (k: string | null) => seen.push(k), error: (e: ApiError | null) => (error = e) };

    expect(await runAction('save', () => Promise.resolve(42), set)).toBe(42);
    expect(seen).toEqual(['save', null]);
    expect(error).toBeNull();

    const failed = await runAction('test', () => Promise.reject({ code: 'ESME_RINVPASWD', message: 'no' }), set);
    expect(failed).toBeNull();
    expect(error).toEqual({ code: 'ESME_RINVPASWD', message: 'no' });
    expect(seen).toEqual(['save', null, 'test', null]);
  });
});
