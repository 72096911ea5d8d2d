/**
 * Where the wall's small hearts go: `count` points on a square grid inside one big heart that
 * fits a box, in filling order (from the tip of the big heart upwards, each row from its middle
 * outwards), so the big heart fills like a glass as donations arrive. Pure and deterministic.
 *
 * The big heart is the curve (x² + y² − 1)³ − x²y³ ≤ 0 (y up), ≈ 2.28 wide and 2.24 tall.
 */

const HEART_WIDTH = 2.28;
const HEART_TOP = 1.24;
const HEART_BOTTOM = -1.0;
const HEART_HEIGHT = HEART_TOP - HEART_BOTTOM;
/** The big heart's area in its own units (numerically). */
const HEART_AREA = 3.66;

/** Negative inside the heart, positive outside; the more negative, the deeper inside. */
export function heartField(x: number, y: number): number {
  const a = x * x + y * y - 1;
  return a * a * a - x * x * y * y * y;
}

export interface HeartLayout {
  /** Side of one grid cell, in the box's units (CSS px). */
  cell: number;
  /** x, y of each small heart's centre, in filling order. */
  points: Float32Array;
  count: number;
}

interface Frame {
  cx: number;
  /** Screen y of the big heart's y = 0. */
  cy: number;
  /** Box units per heart unit. */
  scale: number;
}

function frameFor(width: number, height: number): Frame {
  const scale = Math.max(0, Math.min(width / HEART_WIDTH, height / HEART_HEIGHT));
  // Centre the heart's bounding box in the box.
  const cx = width / 2;
  const cy = height / 2 + ((HEART_TOP + HEART_BOTTOM) / 2) * scale;
  return { cx, cy, scale };
}

/** Calls `visit(x, y, field)` for each grid point (cell `cell`) inside the heart. */
function eachInside(frame: Frame, cell: number, visit: (x: number, y: number, field: number) => void): void {
  const { cx, cy, scale } = frame;
  if (scale <= 0 || cell <= 0) return;
  const halfCols = Math.ceil(((HEART_WIDTH / 2) * scale) / cell) + 1;
  const rowsUp = Math.ceil((HEART_TOP * scale) / cell) + 1;
  const rowsDown = Math.ceil((-HEART_BOTTOM * scale) / cell) + 1;
  for (let r = -rowsUp; r <= rowsDown; r++) {
    const y = cy + r * cell;
    const hy = (cy - y) / scale;
    for (let c = -halfCols; c < halfCols; c++) {
      // Columns at half offsets: symmetric about the heart's axis.
      const x = cx + (c + 0.5) * cell;
      const field = heartField((x - cx) / scale, hy);
      if (field <= 0) visit(x, y, field);
    }
  }
}

function countInside(frame: Frame, cell: number): number {
  let n = 0;
  eachInside(frame, cell, () => {
    n += 1;
  });
  return n;
}

/** Lays out `count` small hearts inside a big heart fitting `width` × `height`. */
export function layoutHearts(count: number, width: number, height: number): HeartLayout {
  // A heart on the outline reaches half a cell beyond its centre: lay out in a box inset by
  // that much (found from a first pass over the whole box).
  const rough = layoutIn(count, width, height);
  if (rough.count === 0) return rough;
  const inset = rough.cell / 2;
  const fitted = layoutIn(count, width - 2 * inset, height - 2 * inset);
  for (let i = 0; i < fitted.points.length; i++) fitted.points[i]! += inset;
  return fitted;
}

function layoutIn(count: number, width: number, height: number): HeartLayout {
  const frame = frameFor(width, height);
  if (count <= 0 || frame.scale <= 0) return { cell: 0, points: new Float32Array(0), count: 0 };
  // The largest cell that still holds `count` points: the count inside shrinks (roughly) as the
  // cell grows. Start from the area's estimate and bisect around it.
  const estimate = Math.sqrt((HEART_AREA * frame.scale * frame.scale) / count);
  let lo = estimate * 0.8;
  let hi = estimate * 1.25;
  while (lo > 1e-3 && countInside(frame, lo) < count) lo *= 0.8;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (countInside(frame, mid) >= count) lo = mid;
    else hi = mid;
  }
  const cell = lo;
  const found: { x: number; y: number; field: number }[] = [];
  eachInside(frame, cell, (x, y, field) => found.push({ x, y, field }));
  // Too many: drop the ones on the outline first, so the shape stays a heart.
  if (found.length > count) {
    found.sort((a, b) => a.field - b.field);
    found.length = count;
  }
  found.sort((a, b) => {
    if (a.y !== b.y) return b.y - a.y; // bottom row first
    const da = Math.abs(a.x - frame.cx);
    const db = Math.abs(b.x - frame.cx);
    if (da !== db) return da - db; // middle outwards
    return a.x - b.x; // left before right
  });
  const points = new Float32Array(found.length * 2);
  found.forEach((p, i) => {
    points[i * 2] = p.x;
    points[i * 2 + 1] = p.y;
  });
  return { cell, points, count: found.length };
}

/** At most this many hearts are drawn; beyond it one heart stands for several units. */
export const MAX_HEARTS = 5000;

/** How many hearts to draw for a target, and how many units each stands for. */
export function heartScale(target: number): { hearts: number; perHeart: number } {
  const units = target > 0 ? target : 2000;
  const perHeart = Math.max(1, Math.ceil(units / MAX_HEARTS));
  return { hearts: Math.ceil(units / perHeart), perHeart };
}
