/** The messages of ./notices.ts, bottom right; each closes by itself or with ×. */
import { useT } from '../../i18n/index.ts';
import { dismissNotice, useNotices } from './notices.ts';

export function Notices() {
  const t = useT();
  const notices = useNotices((s) => s.notices);
  return (
    <div className="adm-notices" aria-live="polite" data-testid="notices">
      {notices.map((notice) => (
        <div key={notice.id} className={`adm-notice adm-notice--${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-kind={notice.kind}>
          <span>{notice.text}</span>
          <button type="button" className="adm-notice__close" aria-label={t('common.close')} onClick={() => dismissNotice(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
