/** Readable ids made from names: "Sở Tư pháp" → "so-tu-phap", unique among the ones taken. */
import { foldForSearch } from '../../../shared/format.ts';

export function slugOf(text: string, max = 40): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}

export function uniqueId(text: string, taken: (id: string) => boolean, fallback = 'muc'): string {
  const base = slugOf(text) || fallback;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 36)}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
