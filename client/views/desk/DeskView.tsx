/** `/desk`: the registration desk. For now: what it is and the live totals (a later issue builds the desk). */
import { PageShell } from '../../components/PageShell.tsx';
import { TotalsSummary } from '../../components/TotalsSummary.tsx';

export function DeskView() {
  return (
    <PageShell
      title="Bàn đăng ký"
      titleEn="Registration desk"
      description="Tìm người hiến máu đã đăng ký hoặc đăng ký người đến tự do, xác nhận đến, ghi nhận đã hiến hoặc tạm hoãn. Các chức năng này sẽ có trong bản tiếp theo."
      descriptionEn="Find pre-registered donors or register walk-ins, check them in, record donated or deferred. These tools come in a later version."
    >
      <TotalsSummary />
    </PageShell>
  );
}
