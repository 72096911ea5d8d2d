/** The answer to the last action: sending, recorded, saved and waiting, or refused (and why). */
import { textOf } from './i18n.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { findDonor } from './overlay.ts';
import { Bi, useDeskText } from './Text.tsx';
import { useDesk } from './useDeskData.ts';

const ICON: Record<string, string> = { sending: '…', ok: '✓', queued: '↑', error: '⚠', info: 'ℹ' };

export function Banner() {
  const banner = useDeskStore((s) => s.banner);
  const { projection, overlay } = useDesk();
  const { lang, t, fmt, say } = useDeskText();
  if (!banner) return null;
  const existing = banner.existingDonorId ? findDonor(projection, overlay, banner.existingDonorId) : null;
  const main = say(banner.text);
  // The second line: in Vietnamese, the English words (and the server's message); in English,
  // the server's message when it says more than the desk's explanation.
  const english = lang === 'vi' ? textOf(banner.text, 'en') : main;
  const detail = banner.detail && banner.detail !== english ? banner.detail : '';
  const second = lang === 'vi' ? `${english}${detail ? ` (${detail})` : ''}` : detail;
  return (
    <div className={`banner banner--${banner.kind}`} data-testid="banner" data-kind={banner.kind} role={banner.kind === 'error' ? 'alert' : 'status'}>
      <span className="banner__icon" aria-hidden="true">
        {ICON[banner.kind]}
      </span>
      <div className="banner__text">
        <div className="banner__vi">{main}</div>
        {second ? (
          <div className="en" lang="en">
            {second}
          </div>
        ) : null}
      </div>
      <time className="banner__time">{fmt.time(banner.at)}</time>
      {existing ? (
        <button type="button" className="btn btn--small" onClick={() => deskActions.select(existing.id)}>
          <Bi k="desk.banner.openExisting" />
        </button>
      ) : null}
      <button type="button" className="banner__close" aria-label={t('common.close')} onClick={() => deskActions.banner(null)}>
        ×
      </button>
    </div>
  );
}
