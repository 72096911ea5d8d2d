/**
 * Paging for lists shown on a screen that never scrolls (the wall's agency board): rows of
 * measured heights cut into pages that fit. Pure.
 */

/**
 * Splits rows (heights in px, in order) into pages that fit `available` px with `gap` between
 * rows, balanced so the last page is not nearly empty. A row taller than a page gets a page of
 * its own. Returns the row indexes of each page.
 */
export function cutPages(heights: number[], gap: number, available: number): number[][] {
  const greedy = (maxRows: number): number[][] => {
    const pages: number[][] = [];
    let page: number[] = [];
    let used = 0;
    heights.forEach((h, i) => {
      const need = page.length === 0 ? h : used + gap + h;
      if (page.length > 0 && (need > available || page.length >= maxRows)) {
        pages.push(page);
        page = [i];
        used = h;
      } else {
        page.push(i);
        used = need;
      }
    });
    if (page.length > 0) pages.push(page);
    return pages;
  };
  const first = greedy(Infinity);
  if (first.length <= 1) return first;
  // As many pages as needed, with the rows shared out evenly (7 rows on 3 pages: 3, 2, 2), if
  // every such page still fits.
  const pageCount = first.length;
  const even: number[][] = [];
  let next = 0;
  for (let p = 0; p < pageCount; p++) {
    const size = Math.floor(heights.length / pageCount) + (p < heights.length % pageCount ? 1 : 0);
    even.push(Array.from({ length: size }, (_, i) => next + i));
    next += size;
  }
  const fits = (page: number[]): boolean => page.length <= 1 || page.reduce((sum, i) => sum + heights[i]!, 0) + gap * (page.length - 1) <= available;
  return even.every(fits) ? even : first;
}
