/**
 * The milestone slot: when the MC marks a milestone announced, the wall shows its label (and
 * announcement) big over a rain of rising hearts for the event's `celebrationSeconds`, then
 * returns to normal. The queue logic is pure (lib/celebrations.ts); this file owns the timing
 * and the drawing. The hearts are one canvas, animated only while a celebration is shown.
 */
import { useEffect, useRef, useState } from 'react';
import { Heart } from '../../components/Heart.tsx';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { DEFAULT_CELEBRATION_SECONDS, detectAnnounced, enqueue, stillAnnounced, type Celebration, type MilestoneLike } from '../../lib/celebrations.ts';

const HEART_PATH = 'M16 28.6 13.7 26.5C5.6 19.2.3 14.4.3 8.5.3 3.7 4 0 8.8 0c2.7 0 5.3 1.3 7.2 3.3C17.9 1.3 20.5 0 23.2 0 28 0 31.7 3.7 31.7 8.5c0 5.9-5.3 10.7-13.4 18z';

export const DEMO_CELEBRATION: Celebration = {
  id: 'demo:1000',
  label: 'Một ngàn trái tim hồng!',
  script: 'Chúng ta vừa đón đơn vị máu thứ 1.000! Xin một tràng pháo tay thật lớn cho những người hiến máu — cảm ơn những tấm lòng vàng của Hải Dương.',
  kind: 'one_thousand',
  value: 1000,
  agencyId: null,
  announcedAt: new Date(0).toISOString(),
};

/**
 * The celebration to show now, or null. Watches the milestones for announcements; `demo`
 * (a rehearsal or a test) is shown once at start.
 */
export function useCelebration(
  milestones: readonly MilestoneLike[] | null,
  celebrationSeconds: number | undefined,
  demo: { celebration: Celebration; seconds: number | null } | null,
): { current: Celebration | null; seconds: number } {
  const seconds = celebrationSeconds && celebrationSeconds > 0 ? celebrationSeconds : DEFAULT_CELEBRATION_SECONDS;
  const seen = useRef<Set<string> | null>(null);
  const [queue, setQueue] = useState<Celebration[]>(() => (demo ? [demo.celebration] : []));

  useEffect(() => {
    if (!milestones) return;
    const { seen: next, fresh } = detectAnnounced(seen.current, milestones, Date.now(), seconds * 1000);
    seen.current = next;
    setQueue((old) => {
      const kept = stillAnnounced(old, milestones);
      const merged = enqueue(kept, fresh);
      return merged.length === old.length && merged.every((c, i) => c === old[i]) ? old : merged;
    });
  }, [milestones, seconds]);

  const current = queue[0] ?? null;
  const shownFor = current && demo && current.id === demo.celebration.id && demo.seconds ? demo.seconds : seconds;

  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setQueue((old) => (old[0] === current ? old.slice(1) : old)), shownFor * 1000);
    return () => clearTimeout(timer);
  }, [current, shownFor]);

  return { current, seconds: shownFor };
}

interface Particle {
  x: number;
  y: number;
  size: number;
  speed: number;
  sway: number;
  phase: number;
  hue: number;
}

function HeartRain() {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const resize = (): void => {
      canvas.width = Math.round(canvas.clientWidth * dpr);
      canvas.height = Math.round(canvas.clientHeight * dpr);
    };
    resize();
    const path = new Path2D(HEART_PATH);
    const w = (): number => canvas.width;
    const h = (): number => canvas.height;
    const unit = Math.min(canvas.height, canvas.width * 0.5625) / 100;
    const spawn = (anywhere: boolean): Particle => ({
      x: Math.random() * w(),
      y: anywhere ? Math.random() * h() : h() + Math.random() * h() * 0.2,
      size: unit * (1.5 + Math.random() * 4.5),
      speed: unit * (0.08 + Math.random() * 0.22),
      sway: unit * (0.5 + Math.random() * 2),
      phase: Math.random() * Math.PI * 2,
      hue: 330 + Math.random() * 30,
    });
    const particles = Array.from({ length: reduce ? 24 : 90 }, () => spawn(true));
    let frame = 0;
    let last = performance.now();
    const draw = (now: number): void => {
      const dt = Math.min(50, now - last) / 16.7;
      last = now;
      ctx.clearRect(0, 0, w(), h());
      for (const p of particles) {
        if (!reduce) {
          p.y -= p.speed * dt * 3;
          p.phase += 0.02 * dt;
        }
        if (p.y < -p.size * 2) Object.assign(p, spawn(false));
        const x = p.x + Math.sin(p.phase) * p.sway;
        const k = p.size / 32;
        ctx.save();
        ctx.translate(x, p.y);
        ctx.scale(k, k);
        ctx.globalAlpha = Math.max(0.15, Math.min(0.9, p.y / h()));
        ctx.fillStyle = `hsl(${p.hue} 95% 65%)`;
        ctx.fill(path);
        ctx.restore();
      }
      if (!reduce) frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    window.addEventListener('resize', resize);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', resize);
    };
  }, []);
  return <canvas ref={ref} className="celebration__rain" aria-hidden="true" />;
}

export function CelebrationOverlay({ celebration, seconds, agencyName }: { celebration: Celebration; seconds: number; agencyName: string | null }) {
  const bi = useBi();
  return (
    <div className="celebration" data-testid="celebration" data-milestone={celebration.id} role="alert" style={{ ['--celebrate-s' as string]: `${seconds}s` }}>
      <HeartRain />
      <div className="celebration__card">
        <Heart className="celebration__heart" />
        <p className="celebration__kicker">
          <Bi k="wall.celebration.kicker" />
          {celebration.value !== null && celebration.kind !== 'custom' ? <span className="celebration__value num"> · {bi.fmt.number(celebration.value)}</span> : null}
        </p>
        <h2 className="celebration__label" data-testid="celebration-label">
          {celebration.label}
        </h2>
        {agencyName && !celebration.label.includes(agencyName) ? <p className="celebration__agency">{agencyName}</p> : null}
        {celebration.script ? (
          <p className="celebration__script" data-testid="celebration-script">
            {celebration.script}
          </p>
        ) : null}
        <div className="celebration__timer" aria-hidden="true" />
      </div>
    </div>
  );
}
