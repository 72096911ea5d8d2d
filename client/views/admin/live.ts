/** Reading the live projection from /admin's components (re-rendered on every change). */
import { useLiveProjection, type LiveProjection } from '../../stores/liveStore.ts';
import type { Lang } from '../../i18n/index.ts';

/**
 * The live projection (null before the snapshot) and its version, bumped on every applied event:
 * a new object on every change, so a view derived from it depends on the object.
 */
export function useProjection(): LiveProjection {
  return useLiveProjection();
}

/** The name in the reader's language: the English one when there is one and English is chosen. */
export function nameIn(lang: Lang, item: { name: string; nameEn?: string | null }): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.name;
}

export function titleIn(lang: Lang, item: { title: string; titleEn?: string | null }): string {
  return lang === 'en' && item.titleEn ? item.titleEn : item.title;
}
