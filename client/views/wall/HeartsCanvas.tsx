/**
 * The thousand pink hearts: one small heart per target donation, laid out inside one big heart
 * (lib/heartLayout.ts), filling from its tip as donations arrive; the newest glow briefly.
 *
 * Drawn on a canvas, never as DOM nodes: the base canvas holds every heart and is repainted only
 * where hearts change (one event = one heart = one drawImage). A new heart's glow is a small
 * element of its own over it, drawn once and animated by CSS (opacity and scale only), so the
 * compositor runs the glow's frames: drawn frame by frame on a canvas, the glows kept a weak
 * wall's main thread busy on every frame of the day (issue 20). A full repaint happens only on
 * resize, theme or target change. Big jumps (the first snapshot, a replay after a reconnect)
 * fill in over ~1.5 s instead of glowing one by one.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { layoutHearts, type HeartLayout } from '../../lib/heartLayout.ts';

const HEART_PATH = 'M16 28.6 13.7 26.5C5.6 19.2.3 14.4.3 8.5.3 3.7 4 0 8.8 0c2.7 0 5.3 1.3 7.2 3.3C17.9 1.3 20.5 0 23.2 0 28 0 31.7 3.7 31.7 8.5c0 5.9-5.3 10.7-13.4 18z';
const PATH_W = 32;
const PATH_H = 29;
/** How much of its cell a heart covers. */
const FILL_RATIO = 0.86;
/** How long a new heart glows (wall.css, .hearts__glow, has the same). */
const GLOW_MS = 2200;
/** Jumps up to this many hearts glow one by one; bigger ones fill in as an animation. */
const GLOW_MAX_JUMP = 12;
/** At most this many glows at once (the oldest gives way). */
const MAX_GLOWS = 24;
const FILL_IN_MS = 1500;

interface Palette {
  empty: string;
  fills: string[];
  glow: string;
}

function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const get = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    empty: get('--heart-empty', 'rgba(255,143,171,0.16)'),
    fills: [get('--heart-fill-1', '#ff3366'), get('--heart-fill-2', '#ff4d7a'), get('--heart-fill-3', '#ff5f8a'), get('--heart-fill-4', '#f2295e')],
    glow: get('--heart-glow', '#ffd1dc'),
  };
}

interface Sprites {
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** Sprite side in device pixels. */
  size: number;
  empty: HTMLCanvasElement;
  fills: HTMLCanvasElement[];
  glow: HTMLCanvasElement;
  glowSize: number;
}

function heartSprite(size: number, color: string, blur = 0, scale = FILL_RATIO): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  const path = new Path2D(HEART_PATH);
  const k = (size * scale) / PATH_W;
  ctx.translate((size - PATH_W * k) / 2, (size - PATH_H * k) / 2 + k);
  ctx.scale(k, k);
  if (blur > 0) {
    ctx.shadowColor = color;
    ctx.shadowBlur = blur;
  }
  ctx.fillStyle = color;
  ctx.fill(path);
  return canvas;
}

function makeSprites(cell: number, palette: Palette): Sprites {
  const dpr = Math.min(3, window.devicePixelRatio || 1);
  const size = Math.max(2, Math.round(cell * dpr));
  const glowSize = size * 3;
  return {
    dpr,
    size,
    empty: heartSprite(size, palette.empty),
    fills: palette.fills.map((color) => heartSprite(size, color)),
    glow: heartSprite(glowSize, palette.glow, size * 0.9, FILL_RATIO / 2.2),
    glowSize,
  };
}

/** A fixed shade per heart: the mosaic looks alive, and it never flickers. */
function shadeOf(index: number, shades: number): number {
  return ((index * 2654435761) >>> 0) % shades;
}

interface Painter {
  layout: HeartLayout;
  sprites: Sprites;
  base: CanvasRenderingContext2D;
  /** Where the glows go (over the base canvas). */
  glows: HTMLElement;
  /** Hearts painted filled on the base canvas. */
  painted: number;
}

function cellRect(p: Painter, index: number): [number, number, number] {
  const { dpr, size } = p.sprites;
  const x = Math.round(p.layout.points[index * 2]! * dpr - size / 2);
  const y = Math.round(p.layout.points[index * 2 + 1]! * dpr - size / 2);
  return [x, y, size];
}

function paintHeart(p: Painter, index: number, filled: boolean): void {
  const [x, y, size] = cellRect(p, index);
  p.base.clearRect(x, y, size, size);
  const sprite = filled ? p.sprites.fills[shadeOf(index, p.sprites.fills.length)]! : p.sprites.empty;
  p.base.drawImage(sprite, x, y);
}

/** Brings the base canvas to `filled` hearts, repainting only the hearts that change. */
function paintTo(p: Painter, filled: number): void {
  const target = Math.max(0, Math.min(p.layout.count, filled));
  for (let i = p.painted; i < target; i++) paintHeart(p, i, true);
  for (let i = target; i < p.painted; i++) paintHeart(p, i, false);
  p.painted = target;
}

function paintAll(p: Painter, filled: number): void {
  const canvas = p.base.canvas;
  p.base.clearRect(0, 0, canvas.width, canvas.height);
  const target = Math.max(0, Math.min(p.layout.count, filled));
  for (let i = 0; i < p.layout.count; i++) {
    const [x, y] = cellRect(p, i);
    p.base.drawImage(i < target ? p.sprites.fills[shadeOf(i, p.sprites.fills.length)]! : p.sprites.empty, x, y);
  }
  p.painted = target;
}

export function HeartsCanvas({ hearts, filled, theme }: { hearts: number; filled: number; theme: string }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const baseRef = useRef<HTMLCanvasElement>(null);
  const glowsRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ w: number; h: number }>({ w: 0, h: 0 });
  const painter = useRef<Painter | null>(null);
  /** Where the base canvas is heading (the fill-in animation catches up with it). */
  const goal = useRef<number | null>(null);
  const fillFrame = useRef(0);
  /** The glows shown, oldest first, with the timers that remove them. */
  const glows = useRef<{ index: number; element: HTMLElement; timer: ReturnType<typeof setTimeout> }[]>([]);

  useLayoutEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const measure = (): void => {
      const rect = element.getBoundingClientRect();
      const w = Math.floor(rect.width);
      const h = Math.floor(rect.height);
      setBox((old) => (old.w === w && old.h === h ? old : { w, h }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo(() => layoutHearts(hearts, box.w, box.h), [hearts, box.w, box.h]);

  // The animations below read and write only refs: made once, the same functions at every render.
  /** Removes the glows of hearts from `from` on (all by default): a void took them back, or a repaint. */
  const stopGlow = useCallback((from = 0): void => {
    for (const glow of glows.current) {
      if (glow.index < from) continue;
      clearTimeout(glow.timer);
      glow.element.remove();
    }
    glows.current = glows.current.filter((glow) => glow.index < from);
  }, []);

  const startGlow = useCallback((from: number, to: number): void => {
    const p = painter.current;
    if (!p) return;
    const { dpr, glow: sprite, glowSize, size } = p.sprites;
    for (let i = from; i < to; i++) {
      const [x, y] = cellRect(p, i);
      const element = document.createElement('canvas');
      element.className = 'hearts__glow';
      element.width = glowSize;
      element.height = glowSize;
      element.getContext('2d')?.drawImage(sprite, 0, 0);
      element.style.left = `${(x + size / 2 - glowSize / 2) / dpr}px`;
      element.style.top = `${(y + size / 2 - glowSize / 2) / dpr}px`;
      element.style.width = `${glowSize / dpr}px`;
      element.style.height = `${glowSize / dpr}px`;
      p.glows.appendChild(element);
      const glow = {
        index: i,
        element,
        timer: setTimeout(() => {
          element.remove();
          glows.current = glows.current.filter((other) => other !== glow);
        }, GLOW_MS),
      };
      glows.current.push(glow);
    }
    while (glows.current.length > MAX_GLOWS) {
      const oldest = glows.current.shift()!;
      clearTimeout(oldest.timer);
      oldest.element.remove();
    }
  }, []);

  const stopFill = useCallback((): void => {
    cancelAnimationFrame(fillFrame.current);
    fillFrame.current = 0;
  }, []);

  const animateFill = useCallback((): void => {
    const p = painter.current;
    if (!p || goal.current === null) return;
    stopFill();
    const from = p.painted;
    const to = Math.min(p.layout.count, goal.current);
    const started = performance.now();
    const step = (now: number): void => {
      const current = painter.current;
      if (!current || goal.current === null) return;
      const t = Math.min(1, (now - started) / FILL_IN_MS);
      const eased = 1 - (1 - t) ** 2;
      paintTo(current, Math.round(from + (to - from) * eased));
      // Done once the hearts are filled up to the goal: the rest of the easing would only ask for
      // frames that paint nothing (a +1 fills its heart in under a third of FILL_IN_MS).
      const done = t >= 1 || current.painted === to;
      fillFrame.current = done ? 0 : requestAnimationFrame(step);
      if (done) paintTo(current, Math.min(current.layout.count, goal.current));
    };
    fillFrame.current = requestAnimationFrame(step);
  }, [stopFill]);

  // Full repaint: a new layout (size, target) or theme. Keeps what was painted filled.
  useLayoutEffect(() => {
    const base = baseRef.current;
    const glowLayer = glowsRef.current;
    const element = boxRef.current;
    if (!base || !glowLayer || !element || layout.count === 0) {
      painter.current = null;
      return;
    }
    const palette = readPalette(element);
    const sprites = makeSprites(layout.cell, palette);
    base.width = Math.round(box.w * sprites.dpr);
    base.height = Math.round(box.h * sprites.dpr);
    base.style.width = `${box.w}px`;
    base.style.height = `${box.h}px`;
    const baseCtx = base.getContext('2d');
    if (!baseCtx) return;
    const previous = painter.current?.painted ?? 0;
    painter.current = { layout, sprites, base: baseCtx, glows: glowLayer, painted: 0 };
    stopGlow();
    paintAll(painter.current, previous);
    if (goal.current !== null && goal.current !== previous) animateFill();
  }, [layout, theme, box.w, box.h, stopGlow, animateFill]);

  // One event: paint the changed hearts now, in this frame; big jumps fill in.
  useLayoutEffect(() => {
    const p = painter.current;
    const previousGoal = goal.current;
    goal.current = filled;
    if (!p) return;
    if (previousGoal === null || Math.abs(filled - p.painted) > GLOW_MAX_JUMP) {
      stopGlow();
      animateFill();
      return;
    }
    if (fillFrame.current) return; // the running fill-in reaches the new goal by itself
    const before = p.painted;
    paintTo(p, filled);
    if (p.painted > before) startGlow(before, p.painted);
    else if (p.painted < before) stopGlow(p.painted);
  }, [filled, layout, stopGlow, animateFill, startGlow]);

  useEffect(
    () => () => {
      stopGlow();
      cancelAnimationFrame(fillFrame.current);
    },
    [stopGlow],
  );

  return (
    <div className="hearts__box" ref={boxRef}>
      <canvas ref={baseRef} className="hearts__canvas" aria-hidden="true" />
      <div ref={glowsRef} className="hearts__glows" aria-hidden="true" />
    </div>
  );
}
