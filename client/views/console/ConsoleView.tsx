/** `/console`: the logistics coordinators' task list with live status (a later issue adds editing and incidents). */
import { formatTime } from '../../../shared/format.ts';
import { PageShell } from '../../components/PageShell.tsx';
import { TotalsSummary } from '../../components/TotalsSummary.tsx';
import { TASK_STATUS_LABELS } from '../../lib/labels.ts';
import { useIsLive, useStateBody } from '../../stores/liveStore.ts';

function StatusBadge({ status }: { status: string }) {
  const label = TASK_STATUS_LABELS[status] ?? { vi: status, en: status };
  return (
    <span className={`status status--${status}`} data-status={status}>
      {label.vi} <span className="en">{label.en}</span>
    </span>
  );
}

export function ConsoleView() {
  const body = useStateBody();
  const live = useIsLive();
  const timeZone = body?.event?.timezone;
  const tasks = body?.tasks ?? [];
  const agencyName = new Map((body?.agencies ?? []).map((a) => [a.id, a.name]));
  const nameOf = (id: string): string => agencyName.get(id) ?? id;
  return (
    <PageShell
      title="Điều phối hậu cần"
      titleEn="Logistics console"
      description="Theo dõi các công việc hậu cần: an ninh, âm thanh, ánh sáng, băng rôn, truyền thông."
      descriptionEn="Follow the logistics tasks: police escort, sound, lighting, banners, media."
    >
      <TotalsSummary showVolume={false} />
      <section className={live ? '' : 'is-not-live'}>
        <h2 className="section-title">
          Công việc <span className="en">Tasks</span>
        </h2>
        {!body ? (
          <p className="empty">Đang chờ dữ liệu… · Waiting for data…</p>
        ) : tasks.length === 0 ? (
          <p className="empty">Chưa có công việc nào. · No tasks yet.</p>
        ) : (
          <table className="table" data-testid="tasks">
            <thead>
              <tr>
                <th>
                  Công việc <span className="en">Task</span>
                </th>
                <th>
                  Phụ trách <span className="en">Owner</span>
                </th>
                <th>
                  Thời hạn <span className="en">Due</span>
                </th>
                <th>
                  Trạng thái <span className="en">Status</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id} data-testid={`task-${task.id}`} data-status={task.status}>
                  <td>
                    {task.title}
                    {task.titleEn ? <span className="en" style={{ display: 'block' }}>{task.titleEn}</span> : null}
                    {task.note ? <span className="en" style={{ display: 'block' }}>“{task.note}”</span> : null}
                  </td>
                  <td>{[task.owner, ...task.also].map(nameOf).join(', ')}</td>
                  <td>{task.due ? formatTime(task.due, timeZone) : (task.whenText ?? '—')}</td>
                  <td className="data-cell">
                    <StatusBadge status={task.status} />
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
