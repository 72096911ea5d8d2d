/** The agency report of the live projection (shared/report.ts), recomputed once per change. */
import { useMemo } from 'react';
import { agencyReport, type AgencyReport } from '../../../shared/report.ts';
import { useProjection } from './live.ts';

export function useReport(): AgencyReport | null {
  const live = useProjection();
  return useMemo(() => (live.projection ? agencyReport(live.projection) : null), [live]);
}
