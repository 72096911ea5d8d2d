/**
 * People on two agencies' lists (donor.listed): whom each is credited to — by the default rule
 * (the agency whose list came first) or by a choice already made — and the choice of another
 * (donor.updated with the agency, which moves every count and re-evaluates the milestones).
 * The list the organisers settle before they sign the report.
 */
import { useMemo } from 'react';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import type { Donor } from '../../../shared/projection.ts';
import { useT } from '../../i18n/index.ts';
import { Panel } from './forms.tsx';
import { useProjection } from './live.ts';
import { writeEvent } from './write.ts';

export function OverlapsPanel() {
  const t = useT();
  const live = useProjection();
  const { projection } = live;
  // `live` is a new value whenever the projection changes in place (live.ts).
  const overlaps = useMemo(() => [...(live.projection?.donors.values() ?? [])].filter((d) => d.alsoListed?.length), [live]);
  const nameOf = (agencyId: string) => projection?.agencies.get(agencyId)?.name ?? (agencyId === WALK_IN_AGENCY_ID ? t('admin.overlaps.walkIn') : agencyId);
  const open = overlaps.filter((d) => !d.creditChosen).length;

  return (
    <Panel title={t('admin.overlaps.title', { n: overlaps.length, open })} intro={t('admin.overlaps.intro')} testId="overlaps-panel">
      {overlaps.length === 0 ? (
        <p className="adm-sub" data-testid="overlaps-none">
          {t('admin.overlaps.none')}
        </p>
      ) : (
        <div className="adm-table-wrap">
          <table className="adm-table" data-testid="overlaps-table">
            <thead>
              <tr>
                <th>{t('admin.overlaps.person')}</th>
                <th>{t('admin.overlaps.credited')}</th>
                <th>{t('admin.overlaps.alsoOn')}</th>
                <th>{t('admin.overlaps.choose')}</th>
              </tr>
            </thead>
            <tbody>
              {overlaps.map((donor: Donor) => (
                <tr key={donor.id} data-testid={`overlap-${donor.id}`} data-settled={donor.creditChosen ? 'true' : 'false'}>
                  <td>{donor.erased ? t('admin.overlaps.erased') : donor.fullName}</td>
                  <td>
                    {nameOf(donor.agencyId)}
                    <div className="adm-sub">{t(donor.creditChosen ? 'admin.overlaps.chosen' : 'admin.overlaps.byDefault')}</div>
                  </td>
                  <td>{donor.alsoListed!.map(nameOf).join(', ')}</td>
                  <td>
                    {donor.alsoListed!.map((agencyId) => (
                      <button
                        key={agencyId}
                        type="button"
                        className="adm-btn adm-btn--small"
                        onClick={() => void writeEvent('donor.updated', { donorId: donor.id, agencyId })}
                        data-testid={`overlap-credit-${agencyId}`}
                      >
                        {t('admin.overlaps.creditTo', { agency: nameOf(agencyId) })}
                      </button>
                    ))}
                    {donor.creditChosen ? null : (
                      <button
                        type="button"
                        className="adm-btn adm-btn--small adm-btn--ghost"
                        onClick={() => void writeEvent('donor.updated', { donorId: donor.id, agencyId: donor.agencyId })}
                        data-testid="overlap-keep"
                      >
                        {t('admin.overlaps.keep', { agency: nameOf(donor.agencyId) })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
