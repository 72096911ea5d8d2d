/**
 * What the personal-data tab reads and sends: the retention policy (GET /api/privacy), the
 * people whose data is held or erased and the lists' sources (the live projection, so the
 * figures move the moment an erasure is recorded), the donor search, and the two erasures
 * (POST /api/donors/:id/erase, POST /api/privacy/expire).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { buildDonorIndex, type DonorIndex } from '../../../shared/donorSearch.ts';
import { checkErasureReason } from '../../../shared/rules.ts';
import type { Donor, ImportInfo } from '../../../shared/projection.ts';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import { i18n, t, type Lang } from '../../i18n/index.ts';
import { ApiError, getJson, sendJson, type ErasedAnswer, type ExpiredAnswer, type PrivacyInfo } from './api.ts';
import { nameIn, useProjection } from './live.ts';
import { errorText } from './write.ts';

/** The retention policy as the server applies it; reloaded when the festival's days change. */
export function usePrivacyInfo(): { info: PrivacyInfo | null; error: string | null; refresh: () => void } {
  const { projection } = useProjection();
  const days = projection?.event?.days.join(',') ?? '';
  const [info, setInfo] = useState<PrivacyInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    getJson<PrivacyInfo>('/api/privacy')
      .then((answer) => {
        setInfo(answer);
        setError(null);
      })
      .catch((err: ApiError) => setError(errorText(err.code, err.message)));
  }, []);
  useEffect(() => refresh(), [refresh, days]);
  return { info, error, refresh };
}

export interface PeopleFigures {
  total: number;
  held: number;
  erased: number;
}

/** How many people's personal data is held and erased, live. */
export function usePeopleFigures(): PeopleFigures | null {
  const live = useProjection();
  return useMemo(() => {
    const { projection } = live;
    if (!projection) return null;
    let erased = 0;
    for (const donor of projection.donors.values()) if (donor.erased) erased += 1;
    return { total: projection.donors.size, held: projection.donors.size - erased, erased };
  }, [live]);
}

export interface ImportRow extends ImportInfo {
  /** People of the list registered (erased or not: they still count). */
  registered: number;
}

/** The imported lists, newest first, with how many of their people were registered. */
export function useImports(): ImportRow[] | null {
  const live = useProjection();
  return useMemo(() => {
    const { projection } = live;
    if (!projection) return null;
    const registered = new Map<string, number>();
    for (const donor of projection.donors.values()) if (donor.importId) registered.set(donor.importId, (registered.get(donor.importId) ?? 0) + 1);
    return [...projection.imports.values()].map((list) => ({ ...list, registered: registered.get(list.id) ?? 0 })).sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  }, [live]);
}

/** The search index over the donors, rebuilt on each change (keys of unchanged donors reused). */
export function useDonorIndex(): DonorIndex<Donor> | null {
  const live = useProjection();
  const previous = useRef<DonorIndex<Donor> | null>(null);
  return useMemo(() => {
    const { projection } = live;
    if (!projection) return null;
    const built = buildDonorIndex(projection.donors.values(), previous.current);
    previous.current = built;
    return built;
  }, [live]);
}

/** An agency's name in the reader's language ("Hiến máu tự do" for walk-ins). */
export function useAgencyName(): (agencyId: string, lang: Lang) => string {
  const { projection } = useProjection();
  return useCallback(
    (agencyId: string, lang: Lang) => {
      if (agencyId === WALK_IN_AGENCY_ID) return t('report.walkIns');
      const agency = projection?.agencies.get(agencyId);
      return agency ? nameIn(lang, agency) : agencyId;
    },
    [projection],
  );
}

/** "•••• 1234": the last 4 digits, all that is kept of a CCCD. */
export function maskedNationalId(last4: string | undefined): string {
  return last4 ? `•••• ${last4}` : '—';
}

/**
 * Why a reason may not be sent: it is kept in the log after the erasure, so it must not carry
 * what is being erased — the server's own rule (shared/rules.ts), checked before sending.
 */
export function reasonProblem(reason: string, donor?: Pick<Donor, 'fullName'>): 'admin.privacy.needReason' | 'admin.privacy.reasonHasPerson' | null {
  if (!reason.trim()) return 'admin.privacy.needReason';
  return checkErasureReason(reason, donor?.fullName || null).ok ? null : 'admin.privacy.reasonHasPerson';
}

/** A refusal of the privacy routes in the reader's language. */
export function privacyErrorText(err: unknown): string {
  const e = err instanceof ApiError ? err : new ApiError(0, 'unreachable', String(err));
  return i18n.exists(`admin.privacy.errors.${e.code}`) ? t(`admin.privacy.errors.${e.code}`) : errorText(e.code, e.message);
}

export function eraseDonor(donorId: string, reason: string): Promise<ErasedAnswer> {
  return sendJson<ErasedAnswer>('POST', `/api/donors/${encodeURIComponent(donorId)}/erase`, { reason: reason.trim() });
}

export function expireAll(reason: string): Promise<ExpiredAnswer> {
  return sendJson<ExpiredAnswer>('POST', '/api/privacy/expire', { reason: reason.trim() });
}
