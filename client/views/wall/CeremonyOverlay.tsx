/**
 * The batch of the honouring ceremony on stage, over the totals (issue 17): its title and the
 * names of its honourees with their unit — those who asked not to be shown are left out (the
 * wall never receives their names) — from "Mời lên sân khấu" until "Xong đợt", then the wall
 * returns to the totals by itself.
 */
import { useMemo } from 'react';
import { Heart } from '../../components/Heart.tsx';
import { Bi } from '../../i18n/bilingual.tsx';
import { useLiveStore } from '../../stores/liveStore.ts';
import type { ProjectionState } from '../../../shared/projectionState.ts';

interface OnStage {
  batchId: string;
  title: string;
  names: { id: string; name: string; unit: string | null }[];
}

function onStageOf(projection: ProjectionState | null): OnStage | null {
  const batchId = projection?.ceremonyOnStage;
  const batch = batchId ? projection!.ceremonyBatches.get(batchId) : undefined;
  if (!batchId || !batch) return null;
  // As shared/ceremony.ts's namesForWall (not imported: the wall's bundle is counted in bytes).
  const names = [...projection!.honourees.values()]
    .filter((h) => h.batchId === batchId && !h.erased && !h.hidden && h.name)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
    .map((h) => ({ id: h.id, name: h.name, unit: h.unit ?? null }));
  return { batchId, title: batch.title, names };
}

/**
 * The batch on stage. The projection changes in place, so the store's selector gives it as text:
 * the overlay renders again only when what it shows changes (and costs one check per event while
 * no batch is on stage).
 */
function useBatchOnStage(): OnStage | null {
  const shown = useLiveStore((s) => (s.projection?.ceremonyOnStage ? JSON.stringify(onStageOf(s.projection)) : null));
  return useMemo(() => (shown ? (JSON.parse(shown) as OnStage) : null), [shown]);
}

export function CeremonyOverlay() {
  const onStage = useBatchOnStage();
  if (!onStage) return null;
  const many = onStage.names.length > 12;
  return (
    <section className="ceremony" data-testid="wall-ceremony" data-batch={onStage.batchId} aria-live="polite">
      <div className="ceremony__card">
        <Heart className="ceremony__heart" />
        <div className="ceremony__kicker">
          <Bi k="wall.ceremony.kicker" />
        </div>
        <h2 className="ceremony__title">{onStage.title}</h2>
        <ol className={`ceremony__names ${many ? 'is-many' : ''}`}>
          {onStage.names.map((h) => (
            <li key={h.id} className="ceremony__name">
              <span className="ceremony__person">{h.name}</span>
              {h.unit ? <span className="ceremony__unit">{h.unit}</span> : null}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
