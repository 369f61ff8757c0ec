// Arithmetic of a virtualised table with fixed-height rows: which rows are in view for a
// scroll position, where to draw them, and where to scroll to show a row.
//
// A million rows of 28 px are 28,000,000 px, more than some engines let an element be tall
// (Firefox stops near 17.9M px, WebKit and Chromium near 33M). So the scrolled spacer is at
// most MAX_SCROLL_HEIGHT tall and scroll positions map proportionally onto the whole content:
// the scrollbar still stands for the whole result set, the thumb's place is the row's place,
// and one pixel of scrollbar moves more than one pixel of rows only when the set is that big.

/** Tallest spacer we ask the engine for, below every engine's limit. */
export const MAX_SCROLL_HEIGHT = 8_000_000;

export interface Geometry {
  /** Height of every row, px. */
  rowHeight: number;
  /** Height of the area rows are visible in (the viewport without the sticky header), px. */
  viewportHeight: number;
  /** Rows in the table. */
  total: number;
  /** Defaults to MAX_SCROLL_HEIGHT; smaller in tests. */
  maxScrollHeight?: number;
}

export interface RowWindow {
  /** First row to render (overscan included). */
  first: number;
  /** One past the last row to render. */
  last: number;
  /** Where row `first` is drawn, px from the top of the spacer. */
  top: number;
}

/** Height of the scrolled spacer. */
export function spacerHeight(g: Geometry): number {
  return Math.min(g.total * g.rowHeight, g.maxScrollHeight ?? MAX_SCROLL_HEIGHT);
}

function ranges(g: Geometry): { maxScroll: number; maxContent: number } {
  const content = g.total * g.rowHeight;
  return {
    maxScroll: Math.max(0, spacerHeight(g) - g.viewportHeight),
    maxContent: Math.max(0, content - g.viewportHeight),
  };
}

/** How far into the whole content (px) the top of the view is at this scroll position. */
export function contentOffset(scrollTop: number, g: Geometry): number {
  const { maxScroll, maxContent } = ranges(g);
  if (maxScroll <= 0) return 0;
  const s = Math.min(Math.max(0, scrollTop), maxScroll);
  return maxScroll === maxContent ? s : (s / maxScroll) * maxContent;
}

/** The scroll position that puts `offset` px of content at the top of the view. */
export function scrollTopForOffset(offset: number, g: Geometry): number {
  const { maxScroll, maxContent } = ranges(g);
  if (maxContent <= 0) return 0;
  const o = Math.min(Math.max(0, offset), maxContent);
  return maxScroll === maxContent ? o : (o / maxContent) * maxScroll;
}

/** The rows to render at `scrollTop`: those in view plus `overscan` on each side. */
export function visibleWindow(scrollTop: number, g: Geometry, overscan: number): RowWindow {
  if (g.total <= 0 || g.rowHeight <= 0) return { first: 0, last: 0, top: 0 };
  const offset = contentOffset(scrollTop, g);
  const firstVisible = Math.min(g.total - 1, Math.floor(offset / g.rowHeight));
  const lastVisible = Math.min(g.total, Math.ceil((offset + g.viewportHeight) / g.rowHeight));
  const first = Math.max(0, firstVisible - overscan);
  const last = Math.min(g.total, lastVisible + overscan);
  // Row `first` is drawn where it falls relative to the view's top, which sits at scrollTop.
  const clamped = Math.min(Math.max(0, scrollTop), Math.max(0, spacerHeight(g) - g.viewportHeight));
  return { first, last, top: clamped + first * g.rowHeight - offset };
}

/** The first row (at least partly) in view. */
export function firstVisibleRow(scrollTop: number, g: Geometry): number {
  if (g.total <= 0) return 0;
  return Math.min(g.total - 1, Math.floor(contentOffset(scrollTop, g) / g.rowHeight));
}

/** Rows that fit in the view entirely (at least one): what Page Up / Page Down move by. */
export function rowsPerPage(g: Geometry): number {
  return Math.max(1, Math.floor(g.viewportHeight / g.rowHeight));
}

/**
 * The scroll position that shows row `row` whole with as little movement as possible: the
 * same position when it already is, else the row at the top (moving up) or the bottom (down).
 */
export function scrollTopToShow(row: number, scrollTop: number, g: Geometry): number {
  const offset = contentOffset(scrollTop, g);
  const rowTop = row * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  if (rowTop < offset) return scrollTopForOffset(rowTop, g);
  if (rowBottom > offset + g.viewportHeight) return scrollTopForOffset(rowBottom - g.viewportHeight, g);
  return scrollTop;
}
