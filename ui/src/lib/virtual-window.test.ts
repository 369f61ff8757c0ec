// The virtual window's arithmetic: which rows are drawn where, at small and huge sizes.
import { describe, expect, it } from 'vitest';
import {
  contentOffset,
  firstVisibleRow,
  rowsPerPage,
  scrollTopForOffset,
  scrollTopToShow,
  spacerHeight,
  visibleWindow,
  type Geometry,
} from './virtual-window';

const small: Geometry = { rowHeight: 28, viewportHeight: 280, total: 1000 };
// A million rows in a spacer capped at 1,000,000 px: 28 px of content per scrolled px.
const huge: Geometry = { rowHeight: 28, viewportHeight: 280, total: 1_000_000, maxScrollHeight: 1_000_000 };

describe('visibleWindow', () => {
  it('draws the rows in view plus the overscan, where they fall', () => {
    expect(visibleWindow(0, small, 5)).toEqual({ first: 0, last: 15, top: 0 });
    // Scrolled 3.5 rows: rows 3..13 are (partly) visible; 5 more each side, clamped at 0.
    expect(visibleWindow(98, small, 5)).toEqual({ first: 0, last: 19, top: 0 });
    expect(visibleWindow(2800, small, 5)).toEqual({ first: 95, last: 115, top: 95 * 28 });
  });

  it('stops at the last row', () => {
    const bottom = spacerHeight(small) - small.viewportHeight;
    const w = visibleWindow(bottom, small, 5);
    expect(w.last).toBe(1000);
    expect(w.first).toBe(985);
    // The last row ends exactly at the bottom of the spacer.
    expect(w.top + (w.last - w.first) * 28).toBe(spacerHeight(small));
    // Past the end (a stale scroll position after the set shrank) it is clamped the same way.
    expect(visibleWindow(bottom + 5000, small, 5)).toEqual(w);
  });

  it('draws nothing for an empty table', () => {
    expect(visibleWindow(0, { ...small, total: 0 }, 5)).toEqual({ first: 0, last: 0, top: 0 });
  });

  it('maps a capped spacer proportionally onto a million rows', () => {
    expect(spacerHeight(huge)).toBe(1_000_000);
    const maxScroll = 1_000_000 - 280;
    // Top, middle and bottom of the scrollbar are the first, middle and last rows.
    expect(visibleWindow(0, huge, 2).first).toBe(0);
    const mid = visibleWindow(maxScroll / 2, huge, 0);
    expect(mid.first).toBe(Math.floor((1_000_000 * 28 - 280) / 2 / 28));
    const end = visibleWindow(maxScroll, huge, 2);
    expect(end.last).toBe(1_000_000);
    expect(end.top + (end.last - end.first) * 28).toBeCloseTo(spacerHeight(huge), 6);
    // Rows are drawn inside the view: row `first` sits at most the overscan above its top.
    expect(mid.top).toBeGreaterThan(maxScroll / 2 - 28);
    expect(mid.top).toBeLessThanOrEqual(maxScroll / 2);
  });
});

describe('scroll positions', () => {
  it('round-trip between scroll position and content offset', () => {
    for (const g of [small, huge]) {
      for (const offset of [0, 28, 12_345, g.total * 28 - g.viewportHeight]) {
        expect(contentOffset(scrollTopForOffset(offset, g), g)).toBeCloseTo(offset, 3);
      }
    }
  });

  it('scroll only as far as needed to show a row', () => {
    // Row 3 is in view at the top: nothing moves.
    expect(scrollTopToShow(3, 0, small)).toBe(0);
    // Row 10 is just below a 10-row view: scroll so it is the last row shown.
    expect(scrollTopToShow(10, 0, small)).toBe(11 * 28 - 280);
    // Row 2 is above a view scrolled to row 50: it becomes the first row shown.
    expect(scrollTopToShow(2, 50 * 28, small)).toBe(2 * 28);
    // At a million rows, the row lands on the view's bottom edge just the same.
    const s = scrollTopToShow(500_000, 0, huge);
    expect(contentOffset(s, huge)).toBeCloseTo(500_001 * 28 - 280, 3);
    expect(firstVisibleRow(s, huge)).toBe(500_001 - 10);
  });

  it('page keys move by the rows that fit', () => {
    expect(rowsPerPage(small)).toBe(10);
    expect(rowsPerPage({ ...small, viewportHeight: 10 })).toBe(1);
  });
});
