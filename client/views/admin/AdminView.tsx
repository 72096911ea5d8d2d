/** `/admin`: the organisers' page. For now: live totals and agencies (a later issue adds setup, tokens, import and export). */
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import { formatNumber } from '../../../shared/format.ts';
import { PageShell } from '../../components/PageShell.tsx';
import { TotalsSummary } from '../../components/TotalsSummary.tsx';
import { percentOf } from '../../lib/labels.ts';
import { useIsLive, useStateBody } from '../../stores/liveStore.ts';

export function AdminView() {
  const body = useStateBody();
  const live = useIsLive();
  const agencies = body?.agencies.filter((a) => a.id !== WALK_IN_AGENCY_ID) ?? [];
  return (
    <PageShell
      title="Ban tổ chức"
      titleEn="Organisers (admin)"
      description="Thiết lập sự kiện, đơn vị và chỉ tiêu, công việc, danh sách người hiến; cấp mã truy cập cho thiết bị; xuất báo cáo. Các chức năng này sẽ có trong bản tiếp theo."
      descriptionEn="Set up the event, agencies and quotas, tasks and donor lists; enrol devices; export the report. These tools come in a later version."
    >
      <TotalsSummary />
      <section className={live ? '' : 'is-not-live'}>
        <h2 className="section-title">
          Các đơn vị <span className="en">Agencies</span>
        </h2>
        {!body ? (
          <p className="empty">Đang chờ dữ liệu… · Waiting for data…</p>
        ) : (
          <table className="table" data-testid="agencies">
            <thead>
              <tr>
                <th>
                  Đơn vị <span className="en">Agency</span>
                </th>
                <th className="num">
                  Chỉ tiêu <span className="en">Quota</span>
                </th>
                <th className="num">
                  Đăng ký <span className="en">Registered</span>
                </th>
                <th className="num">
                  Đã đến <span className="en">Checked in</span>
                </th>
                <th className="num">
                  Đã hiến <span className="en">Donated</span>
                </th>
                <th className="num">
                  Tạm hoãn <span className="en">Deferred</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...agencies, { ...body.walkIns, id: WALK_IN_AGENCY_ID, name: 'Hiến máu tự do', nameEn: 'Walk-ins', quota: null }].map((a) => {
                const pct = percentOf(a.donated, a.quota);
                return (
                  <tr key={a.id} data-testid={`admin-agency-${a.id}`}>
                    <td>
                      {a.name}
                      {a.nameEn ? <span className="en" style={{ display: 'block' }}>{a.nameEn}</span> : null}
                    </td>
                    <td className="num">{a.quota !== null ? formatNumber(a.quota) : '—'}</td>
                    <td className="num data-cell">{formatNumber(a.registered)}</td>
                    <td className="num data-cell">{formatNumber(a.checkedIn)}</td>
                    <td className="num data-cell">
                      {formatNumber(a.donated)}
                      {pct !== null ? <span className="en"> ({formatNumber(pct)}%)</span> : null}
                    </td>
                    <td className="num data-cell">{formatNumber(a.deferred)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </PageShell>
  );
}
