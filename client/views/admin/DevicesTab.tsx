/**
 * Devices: make a one-time enrolment code per device, with its role and a label ("Bàn 3",
 * "Màn hình chính"), and show its link `<origin>/<page>?code=…` with a QR code to scan — once,
 * at creation (the server keeps only the hash); the device exchanges it for its own token, and
 * the link is worth nothing once used or expired (issue 16, 5); the list of devices (GET /api/devices every 5 s) with role,
 * connected now or last seen, page and the outbox size each reports; revoke; reload a screen
 * remotely or send it to another page. (issue 18) An agency liaison's device is made for one
 * agency, chosen here; the list names it.
 */
import { useDeviceIdentity, type Me } from '../../device/identity.ts';
import { useCallback, useEffect, useState } from 'react';
import { useFormat, useLang, useT } from '../../i18n/index.ts';
import { useStateBody } from '../../stores/liveStore.ts';
import { WALK_IN_AGENCY_ID } from '../../../shared/constants.ts';
import { useNow } from '../../lib/useNow.ts';
import { PAGES, PAGE_OF_ROLE, type Page } from '../../../shared/pages.ts';
import type { CreatedEnrolment } from '../../../shared/protocol.ts';
import { ApiError, getJson, sendJson, type DeviceInfo, type Role } from './api.ts';
import { Empty, Field, Panel } from './forms.tsx';
import { notify } from './notices.ts';
import { errorText } from './write.ts';

export const ROLES: readonly Role[] = ['desk', 'coordinator', 'mc', 'wall', 'agency', 'admin'];
export function enrollmentLink(page: Page, code: string, origin = window.location.origin): string {
  return `${origin}/${page}?code=${encodeURIComponent(code)}`;
}

const POLL_MS = 5000;

function useDevices(): { devices: DeviceInfo[] | null; error: string | null; refresh: () => void } {
  const [devices, setDevices] = useState<DeviceInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    getJson<{ devices: DeviceInfo[] }>('/api/devices')
      .then((answer) => {
        setDevices(answer.devices);
        setError(null);
      })
      .catch((err: ApiError) => setError(errorText(err.code, err.message)));
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { devices, error, refresh };
}

/** The QR code of a link, drawn by the `qrcode` library loaded only when needed (admin chunk only). */
function QrCode({ text, label }: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    import('qrcode')
      .then((qr) => qr.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240, color: { dark: '#2b0a15', light: '#ffffff' } }))
      .then((url) => {
        if (!cancelled) setSrc(url);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [text]);
  if (failed) return null;
  return src ? <img className="adm-qr" src={src} width={240} height={240} alt={label} data-testid="enrollment-qr" /> : <div className="adm-qr adm-qr--loading" aria-hidden="true" />;
}

function EnrollmentCard({ created, onClose }: { created: CreatedEnrolment; onClose: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const link = enrollmentLink(created.page, created.code);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      const input = document.getElementById('adm-enroll-link') as HTMLInputElement | null;
      input?.select();
    }
  };
  return (
    <div className="adm-enroll adm-card" data-testid="enrollment" role="dialog" aria-labelledby="adm-enroll-title">
      <div className="adm-enroll__text">
        <h3 className="adm-card__title" id="adm-enroll-title">
          {t('admin.devices.createdTitle', { label: created.label })}
        </h3>
        <p>{t('admin.devices.createdRole', { role: t(`roles.${created.role}`), page: `/${PAGE_OF_ROLE[created.role]}` })}</p>
        <label className="adm-field__label" htmlFor="adm-enroll-link">
          {t('admin.devices.link')}
        </label>
        <div className="adm-inline">
          <input id="adm-enroll-link" className="adm-mono adm-enroll__link" readOnly value={link} onFocus={(e) => e.target.select()} data-testid="enrollment-link" />
          <button type="button" className="adm-btn" onClick={() => void copy()}>
            {copied ? t('common.copied') : t('common.copy')}
          </button>
        </div>
        <p className="adm-warn adm-enroll__once" data-testid="enrollment-expires">
          {t('admin.devices.shownOnce', { time: fmt.time(created.expiresAt) })}
        </p>
        <p className="adm-sub">{t('admin.devices.howTo')}</p>
        <button type="button" className="adm-btn adm-btn--primary" onClick={onClose} data-testid="enrollment-done">
          {t('admin.devices.done')}
        </button>
      </div>
      <QrCode text={link} label={t('admin.devices.qrAlt', { label: created.label })} />
    </div>
  );
}

function CreateForm({ onCreated }: { onCreated: (enrolment: CreatedEnrolment) => void }) {
  const t = useT();
  const [role, setRole] = useState<Role>('desk');
  const [label, setLabel] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [busy, setBusy] = useState(false);
  const lang = useLang();
  // (issue 18) A liaison's device follows one agency: the agencies of the festival, walk-ins aside.
  const agencies = (useStateBody()?.agencies ?? []).filter((a) => a.id !== WALK_IN_AGENCY_ID);
  const ready = label.trim() !== '' && (role !== 'agency' || agencyId !== '');
  const create = async () => {
    if (!ready) return;
    setBusy(true);
    try {
      const created = await sendJson<CreatedEnrolment>('POST', '/api/enrolments', { role, label: label.trim(), ...(role === 'agency' ? { agencyId } : {}) });
      setLabel('');
      onCreated(created);
    } catch (err) {
      const e = err as ApiError;
      notify('error', t('admin.devices.createFailed', { reason: errorText(e.code, e.message) }));
    }
    setBusy(false);
  };
  return (
    <form
      className="adm-form adm-create"
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
      data-testid="token-form"
    >
      <Field label={t('admin.devices.role')}>
        {(id) => (
          <select id={id} value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="token-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)} → /{PAGE_OF_ROLE[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === 'agency' ? (
        <Field label={t('admin.devices.agency')}>
          {(id) => (
            <select id={id} value={agencyId} onChange={(e) => setAgencyId(e.target.value)} data-testid="token-agency">
              <option value="">{t('admin.devices.chooseAgency')}</option>
              {agencies.map((a) => (
                <option key={a.id} value={a.id}>
                  {lang === 'en' && a.nameEn ? a.nameEn : a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field label={t('admin.devices.label')} hint={t('admin.devices.labelHint')} wide>
        {(id) => <input id={id} value={label} maxLength={100} placeholder={t(`admin.devices.labelPlaceholder_${role}`)} onChange={(e) => setLabel(e.target.value)} data-testid="token-label" />}
      </Field>
      <button type="submit" className="adm-btn adm-btn--primary adm-create__btn" disabled={busy || !ready} data-testid="token-create">
        {t('admin.devices.create')}
      </button>
    </form>
  );
}

function Presence({ device }: { device: DeviceInfo }) {
  const t = useT();
  const fmt = useFormat();
  const now = useNow(10_000);
  if (device.revokedAt) return <span className="adm-presence adm-presence--revoked">{t('admin.devices.revokedAt', { time: fmt.dateTime(device.revokedAt) })}</span>;
  if (device.connected)
    return (
      <span className="adm-presence adm-presence--on" data-state="connected">
        <span className="adm-dot" aria-hidden="true" />
        {device.connections > 1 ? t('admin.devices.connectedN', { n: fmt.number(device.connections) }) : t('admin.devices.connected')}
      </span>
    );
  if (device.lastSeenAt)
    return (
      <span className="adm-presence" data-state="seen" title={fmt.dateTime(device.lastSeenAt, true)}>
        <span className="adm-dot adm-dot--off" aria-hidden="true" />
        {t('admin.devices.lastSeen', { age: fmt.age(now - Date.parse(device.lastSeenAt)) })}
      </span>
    );
  return (
    <span className="adm-presence" data-state="never">
      <span className="adm-dot adm-dot--off" aria-hidden="true" />
      {t('admin.devices.notSeen')}
    </span>
  );
}

function DeviceRow({ device, me, onChanged }: { device: DeviceInfo; me: Me | null; onChanged: () => void }) {
  const t = useT();
  const fmt = useFormat();
  const lang = useLang();
  const agencies = useStateBody()?.agencies;
  const agencyName = (id: string) => {
    const agency = agencies?.find((a) => a.id === id);
    return agency ? (lang === 'en' && agency.nameEn ? agency.nameEn : agency.name) : id;
  };
  const [target, setTarget] = useState<Page>('wall');
  const self = me?.id === device.id;
  const act = async (work: () => Promise<string>) => {
    try {
      notify('ok', await work());
    } catch (err) {
      const e = err as ApiError;
      notify('error', errorText(e.code, e.message));
    }
    onChanged();
  };
  const control = (body: { action: 'reload' } | { action: 'navigate'; page: Page }) =>
    act(async () => {
      const answer = await sendJson<{ delivered: number }>('POST', `/api/devices/${encodeURIComponent(device.id)}/control`, body);
      return answer.delivered > 0 ? t('admin.devices.sent', { n: fmt.number(answer.delivered), label: device.label }) : t('admin.devices.sentNone', { label: device.label });
    });
  const revoke = () => {
    if (!window.confirm(t('admin.devices.confirmRevoke', { label: device.label }))) return;
    void act(async () => {
      await sendJson('DELETE', `/api/tokens/${encodeURIComponent(device.id)}`);
      return t('admin.devices.revoked', { label: device.label });
    });
  };
  return (
    <tr className={device.revokedAt ? 'is-revoked' : ''} data-testid={`device-${device.id}`}>
      <td>
        <div className="adm-strong">
          {device.label}
          {self ? <span className="adm-badge adm-badge--accent">{t('admin.devices.thisDevice')}</span> : null}
        </div>
        <div className="adm-sub">
          <code>{device.id}</code> · {t('admin.devices.createdAt', { time: fmt.dateTime(device.createdAt) })}
        </div>
      </td>
      <td>
        {t(`roles.${device.role}`)}
        {device.agencyId ? <div className="adm-sub">{agencyName(device.agencyId)}</div> : null}
      </td>
      <td>
        <Presence device={device} />
      </td>
      <td>{device.page ? `/${device.page}` : '—'}</td>
      <td className="num">{device.outbox === null ? '—' : <span className={device.outbox > 0 ? 'adm-outbox adm-outbox--waiting' : 'adm-outbox'}>{fmt.number(device.outbox)}</span>}</td>
      <td className="adm-actions">
        {device.revokedAt ? null : (
          <>
            <button type="button" className="adm-btn adm-btn--small" disabled={!device.connected} onClick={() => void control({ action: 'reload' })} data-testid={`device-reload-${device.id}`}>
              {t('admin.devices.reload')}
            </button>
            <span className="adm-inline adm-inline--tight">
              <select value={target} aria-label={t('admin.devices.navigateTo')} onChange={(e) => setTarget(e.target.value as Page)} disabled={!device.connected}>
                {PAGES.map((p) => (
                  <option key={p} value={p}>
                    /{p}
                  </option>
                ))}
              </select>
              <button type="button" className="adm-btn adm-btn--small" disabled={!device.connected} onClick={() => void control({ action: 'navigate', page: target })}>
                {t('admin.devices.navigate')}
              </button>
            </span>
            {self ? null : (
              <button type="button" className="adm-btn adm-btn--small adm-btn--danger" onClick={revoke} data-testid={`device-revoke-${device.id}`}>
                {t('admin.devices.revoke')}
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}

export function DevicesTab() {
  const t = useT();
  const fmt = useFormat();
  const { devices, error, refresh } = useDevices();
  const me = useDeviceIdentity((s) => s.me);
  const [created, setCreated] = useState<CreatedEnrolment | null>(null);
  const [showRevoked, setShowRevoked] = useState(false);
  const active = devices?.filter((d) => !d.revokedAt) ?? [];
  const revoked = devices?.filter((d) => d.revokedAt) ?? [];
  const online = active.filter((d) => d.connected).length;
  const waiting = active.reduce((n, d) => n + (d.outbox ?? 0), 0);
  const shown = [...active, ...(showRevoked ? revoked : [])];

  return (
    <div className="adm-stack">
      <Panel title={t('admin.devices.createTitle')} intro={t('admin.devices.createIntro')} testId="token-panel">
        {created ? (
          <EnrollmentCard created={created} onClose={() => setCreated(null)} />
        ) : (
          <CreateForm
            onCreated={(token) => {
              setCreated(token);
              refresh();
            }}
          />
        )}
      </Panel>
      <Panel
        title={t('admin.devices.listTitle')}
        intro={devices ? t('admin.devices.summary', { n: fmt.number(active.length), online: fmt.number(online), waiting: fmt.number(waiting) }) : undefined}
        actions={
          <label className="adm-choice adm-choice--small">
            <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
            {t('admin.devices.showRevoked', { n: fmt.number(revoked.length) })}
          </label>
        }
        testId="devices-panel"
      >
        {error ? <p className="adm-warn">{error}</p> : null}
        {!devices ? (
          <Empty>{t('common.loading')}</Empty>
        ) : shown.length === 0 ? (
          <Empty>{t('admin.devices.none')}</Empty>
        ) : (
          <div className="adm-table-wrap">
            <table className="adm-table" data-testid="devices-table">
              <thead>
                <tr>
                  <th>{t('admin.devices.device')}</th>
                  <th>{t('admin.devices.role')}</th>
                  <th>{t('admin.devices.status')}</th>
                  <th>{t('admin.devices.page')}</th>
                  <th className="num">{t('admin.devices.outbox')}</th>
                  <th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((device) => (
                  <DeviceRow key={device.id} device={device} me={me} onChanged={refresh} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="adm-sub adm-note">{t('admin.devices.presenceNote')}</p>
      </Panel>
    </div>
  );
}
