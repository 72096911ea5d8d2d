/**
 * Which milestones the wall celebrates: those the MC marks announced while the wall is running
 * (their `announcedAt` becomes set), never skipped ones, never old ones. Pure: the caller keeps
 * the returned `seen` set and the queue.
 */

/** A milestone as the state body carries it (fields beyond v1 are optional: older servers). */
export interface MilestoneLike {
  id: string;
  label: string;
  reachedAt: string;
  announcedAt: string | null;
  script?: string | null;
  skippedAt?: string | null;
  kind?: string;
  value?: number;
  agencyId?: string | null;
}

export interface Celebration {
  id: string;
  label: string;
  script: string | null;
  kind: string | null;
  value: number | null;
  agencyId: string | null;
  announcedAt: string;
}

export const DEFAULT_CELEBRATION_SECONDS = 20;
/** At most this many celebrations wait their turn; older ones give way to newer ones. */
export const MAX_QUEUED = 3;

function isAnnounced(m: MilestoneLike): m is MilestoneLike & { announcedAt: string } {
  return typeof m.announcedAt === 'string' && m.announcedAt.length > 0 && !m.skippedAt;
}

export function toCelebration(m: MilestoneLike & { announcedAt: string }): Celebration {
  return {
    id: m.id,
    label: m.label,
    script: typeof m.script === 'string' && m.script.trim() && m.script.trim() !== m.label.trim() ? m.script : null,
    kind: m.kind ?? null,
    value: typeof m.value === 'number' ? m.value : null,
    agencyId: m.agencyId ?? null,
    announcedAt: m.announcedAt,
  };
}

/**
 * Compares the announced milestones with those seen last time. On the first look (`seen` null:
 * the page just loaded) only a milestone announced within the last `windowMs` is celebrated,
 * for the rest of its time; after that, every newly announced one, oldest first.
 */
export function detectAnnounced(seen: ReadonlySet<string> | null, milestones: readonly MilestoneLike[], now: number, windowMs: number): { seen: Set<string>; fresh: Celebration[] } {
  const announced = milestones.filter(isAnnounced);
  const next = new Set(announced.map((m) => m.id));
  let fresh: (MilestoneLike & { announcedAt: string })[];
  if (seen === null) {
    fresh = announced.filter((m) => {
      const age = now - Date.parse(m.announcedAt);
      return age >= -60_000 && age < windowMs;
    });
    fresh.sort((a, b) => a.announcedAt.localeCompare(b.announcedAt));
    fresh = fresh.slice(-1);
  } else {
    fresh = announced.filter((m) => !seen.has(m.id));
    fresh.sort((a, b) => a.announcedAt.localeCompare(b.announcedAt));
  }
  return { seen: next, fresh: fresh.map(toCelebration) };
}

/** The queue after adding `fresh`, keeping the current one first and at most MAX_QUEUED waiting. */
export function enqueue(queue: readonly Celebration[], fresh: readonly Celebration[]): Celebration[] {
  if (fresh.length === 0) return [...queue];
  const [current, ...waiting] = queue;
  const ids = new Set(queue.map((c) => c.id));
  const merged = [...waiting, ...fresh.filter((c) => !ids.has(c.id))].slice(-MAX_QUEUED);
  return current ? [current, ...merged] : merged;
}

/** The queue without celebrations whose announcement was undone or skipped meanwhile. */
export function stillAnnounced(queue: readonly Celebration[], milestones: readonly MilestoneLike[]): Celebration[] {
  const announced = new Set(milestones.filter(isAnnounced).map((m) => m.id));
  return queue.filter((c) => c.id.startsWith('demo:') || announced.has(c.id));
}
