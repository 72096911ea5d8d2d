/** `/mc`: the MC's screen. For now: live totals and the milestones reached (a later issue adds the words and "announced"). */
import { formatTime } from '../../../shared/format.ts';
import { PageShell } from '../../components/PageShell.tsx';
import { TotalsSummary } from '../../components/TotalsSummary.tsx';
import { useStateBody } from '../../stores/liveStore.ts';

export function McView() {
  const body = useStateBody();
  const timeZone = body?.event?.timezone;
  const milestones = [...(body?.milestones ?? [])].sort((a, b) => b.reachedAt.localeCompare(a.reachedAt));
  return (
    <PageShell
      title="Người dẫn chương trình"
      titleEn="MC"
      description="Các con số trực tiếp và các mốc đã đạt để công bố trên sân khấu."
      descriptionEn="Live numbers and the milestones reached, to announce on stage."
    >
      <TotalsSummary />
      <section>
        <h2 className="section-title">
          Các mốc đã đạt <span className="en">Milestones reached</span>
        </h2>
        {milestones.length === 0 ? (
          <p className="empty">Chưa có mốc nào. · No milestone reached yet.</p>
        ) : (
          <table className="table" data-testid="milestones">
            <thead>
              <tr>
                <th>
                  Mốc <span className="en">Milestone</span>
                </th>
                <th>
                  Đạt lúc <span className="en">Reached</span>
                </th>
                <th>
                  Đã công bố <span className="en">Announced</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {milestones.map((m) => (
                <tr key={m.id} data-testid={`milestone-${m.id}`}>
                  <td>{m.label}</td>
                  <td className="num">{formatTime(m.reachedAt, timeZone)}</td>
                  <td>
                    {m.announcedAt ? (
                      <span className="status status--done">{formatTime(m.announcedAt, timeZone)}</span>
                    ) : (
                      <span className="status status--todo">
                        Chưa <span className="en">Not yet</span>
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </PageShell>
  );
}
