/** Reading the live projection from /admin's components (re-rendered on every change). */
import type { ProjectionState } from '../../../shared/projection.ts';
import { useLiveStore } from '../../stores/liveStore.ts';
import type { Lang } from '../../i18n/index.ts';

/** The live projection and its version (bumped on every applied event), or null before the snapshot. */
export function useProjection(): { projection: ProjectionState | null; version: number } {
  const projection = useLiveStore((s) => s.projection);
  const version = useLiveStore((s) => s.version);
  return { projection, version };
}

/** The name in the reader's language: the English one when there is one and English is chosen. */
export function nameIn(lang: Lang, item: { name: string; nameEn?: string | null }): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}

export function titleIn(lang: Lang, item: { title: string; titleEn?: string | null }): string {
  return lang === 'en' && item.titleEn ? item.titleEn : item.title;
}
