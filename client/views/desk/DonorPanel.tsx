/**
 * The selected donor: who they are, where they are today, the eligibility hints (Thông tư
 * 26/2013/TT-BYT; the physician decides), and the next step: check in, then donated (250 /
 * 350 / 450 ml) or deferred with a reason; correct the details; undo this desk's last event.
 */
import { useState } from 'react';
import { eligibilityHints, maxVolumeMl } from '../../../shared/eligibility.ts';
import { formatDate, formatTime } from '../../../shared/format.ts';
import type { Donor } from '../../../shared/projection.ts';
import { useNow } from '../../lib/useNow.ts';
import { checkIn, recordDeferral, recordDonation, updateDonor } from './actions.ts';
import { deskActions, useDeskStore } from './deskStore.ts';
import { ageText, agencyName, DEFERRAL_CODES, DEFERRAL_TEXT, formatPhone, formatVolume, GENDER_TEXT, maskNationalId, type DeferralCode } from './deskText.ts';
import { donatedDays, effectiveDonor, findDonor, isPendingRegistration, todayStatus, type TodayStatus } from './overlay.ts';
import { canUndo, fateOf, UndoControl } from './RecentPanel.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { useDesk } from './useDeskData.ts';

const VOLUMES = [250, 350, 450] as const;

function Hints({ donor, today, days, volume }: { donor: Donor; today: string; days: string[]; volume: number | null }) {
  const hints = eligibilityHints({
    today,
    birthYear: donor.birthYear ?? null,
    gender: donor.gender ?? null,
    weightKg: donor.weightKg ?? null,
    lastDonationDate: donor.lastDonationDate ?? null,
    donatedDays: days,
    volumeMl: volume,
  });
  const missing: string[] = [];
  if (donor.birthYear === undefined) missing.push('năm sinh');
  if (donor.weightKg === undefined) missing.push('cân nặng');
  if (donor.gender === undefined) missing.push('giới tính');
  if (hints.length === 0 && missing.length === 0) {
    return (
      <p className="hints hints--ok" data-testid="hints">
        ✓ Không có cảnh báo theo TT 26/2013 <span className="en">No eligibility warnings</span>
      </p>
    );
  }
  return (
    <ul className="hints" data-testid="hints" aria-label="Lưu ý · Eligibility hints">
      {hints.map((hint) => (
        <li key={hint.code} className={`hint hint--${hint.level}`} data-code={hint.code}>
          {hint.level === 'warning' ? '⚠ ' : 'ℹ '}
          {hint.vi} <span className="en">{hint.en}</span>
        </li>
      ))}
      {missing.length ? (
        <li className="hint hint--info">
          ℹ Chưa có {missing.join(', ')}: hỏi và ghi lại để kiểm tra điều kiện. <span className="en">Missing details.</span>
        </li>
      ) : null}
      <li className="hints__note">Gợi ý theo Thông tư 26/2013/TT-BYT; bác sĩ quyết định. <span className="en">Hints only: the physician decides.</span></li>
    </ul>
  );
}

function TodayLine({ status, timeZone }: { status: TodayStatus; timeZone: string }) {
  const outcome = status.outcome;
  if (outcome?.kind === 'donated') {
    return (
      <p className="today-line">
        Đã hiến {formatVolume(outcome.volumeMl)} lúc {formatTime(outcome.at, timeZone)}
        {outcome.by ? ` tại ${outcome.by}` : ''}. <span className="en">Donated today.</span>
      </p>
    );
  }
  if (outcome?.kind === 'deferred') {
    return (
      <p className="today-line">
        Tạm hoãn lúc {formatTime(outcome.at, timeZone)}
        {outcome.by ? ` tại ${outcome.by}` : ''}
        {outcome.reason ? `: ${outcome.reason}` : ''}. <span className="en">Deferred today.</span>
      </p>
    );
  }
  if (status.state === 'checkedIn' && status.checkedInAt) {
    return (
      <p className="today-line">
        Đã đến lúc {formatTime(status.checkedInAt, timeZone)}: chờ khám và hiến máu. <span className="en">Checked in: record the outcome after the physician.</span>
      </p>
    );
  }
  return (
    <p className="today-line">
      Chưa xác nhận đến hôm nay. <span className="en">Not checked in today.</span>
    </p>
  );
}

function DeferForm({ donor, onDone }: { donor: Donor; onDone: () => void }) {
  const [code, setCode] = useState<DeferralCode | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    if (!code) return setError('Chọn lý do tạm hoãn');
    if (code === 'other' && !note.trim()) return setError('Ghi rõ lý do khác');
    setError(null);
    void recordDeferral(donor, code, note);
    onDone();
  };
  return (
    <div className="defer" data-testid="defer-form">
      <fieldset className="defer__reasons">
        <legend>
          Lý do tạm hoãn <span className="en">Deferral reason</span>
        </legend>
        {DEFERRAL_CODES.map((reason) => (
          <label key={reason} className={`chip ${code === reason ? 'is-on' : ''}`}>
            <input type="radio" name="defer-reason" value={reason} checked={code === reason} onChange={() => setCode(reason)} />
            {DEFERRAL_TEXT[reason].vi} <span className="en">{DEFERRAL_TEXT[reason].en}</span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span className="field__label">
          Ghi chú {code === 'other' ? '(bắt buộc)' : '(không bắt buộc)'} <span className="en">Note</span>
        </span>
        <input className="input" data-testid="defer-note" value={note} maxLength={400} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error ? <p className="field__error">{error}</p> : null}
      <div className="row">
        <button type="button" className="btn btn--warn" data-testid="defer-submit" onClick={submit}>
          Ghi tạm hoãn <span className="en">Record deferral</span>
        </button>
        <button type="button" className="btn btn--quiet" onClick={onDone}>
          Thôi <span className="en">Cancel</span>
        </button>
      </div>
    </div>
  );
}

function WeightQuick({ donor }: { donor: Donor }) {
  const [value, setValue] = useState('');
  const weight = Number(value.replace(',', '.'));
  const valid = /^\d+([.,]\d)?$/.test(value.trim()) && weight >= 20 && weight <= 250;
  return (
    <form
      className="weight-quick"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void updateDonor(donor, { weightKg: Math.round(weight * 10) / 10 });
        setValue('');
      }}
    >
      <input className="input input--short" inputMode="decimal" placeholder="kg" aria-label="Cân nặng (kg)" value={value} onChange={(e) => setValue(e.target.value)} data-testid="weight-quick" />
      <button type="submit" className="btn btn--small" disabled={!valid}>
        Ghi cân nặng
      </button>
    </form>
  );
}

export function DonorPanel({ onDone }: { onDone: () => void }) {
  const selectedId = useDeskStore((s) => s.selectedId);
  const journal = useDeskStore((s) => s.journal);
  const { projection, overlay, today, timeZone } = useDesk();
  const now = useNow(15_000);
  const [deferring, setDeferring] = useState<string | null>(null);
  const [chosenVolume, setChosenVolume] = useState<number | null>(null);

  const base = selectedId ? findDonor(projection, overlay, selectedId) : null;
  if (!base) {
    return (
      <section className="donor donor--empty" data-testid="donor-panel-empty">
        <h2 className="section-title">
          Chưa chọn người hiến <span className="en">No donor selected</span>
        </h2>
        <ul className="tips">
          <li>
            Gõ tên (không cần dấu), số điện thoại hoặc 4 số cuối CCCD; <kbd>↑</kbd> <kbd>↓</kbd> để chọn, <kbd>Enter</kbd> để xác nhận đến.
          </li>
          <li>Máy quét mã (mã người hiến, CCCD hoặc mã QR trên thẻ CCCD) gõ vào ô tìm kiếm rồi Enter.</li>
          <li>
            <kbd>F4</kbd> đăng ký người đến tự do · <kbd>F2</kbd> về ô tìm kiếm · <kbd>Esc</kbd> xóa ô tìm kiếm.
          </li>
          <li className="en">Type a name (no accents needed), a phone or the last 4 CCCD digits; arrows to choose, Enter to check in. F4: walk-in.</li>
        </ul>
        {selectedId ? <p className="empty">Không còn người hiến này (đăng ký đã được hoàn tác). · This donor is gone.</p> : null}
      </section>
    );
  }
  const donor = effectiveDonor(base, overlay);
  const status = todayStatus(donor, today, overlay);
  const days = donatedDays(donor, overlay, today).filter((d) => d < today);
  const agency = agencyName(projection?.agencies, donor.agencyId);
  const maxVolume = maxVolumeMl(donor.weightKg);
  const last4 = (donor as Donor & { nationalIdLast4?: string }).nationalIdLast4;
  const newDonor = isPendingRegistration(overlay, donor.id);
  const own = journal
    .filter((entry) => entry.donorId === donor.id && entry.type !== 'event.voided')
    .map((entry) => ({ entry, fate: fateOf(entry, projection, overlay) }))
    .filter(({ entry, fate }) => canUndo(entry, fate, now));
  const lastOwn = own[own.length - 1];
  const history = [...donor.days.entries()].filter(([day]) => day !== today).sort(([a], [b]) => (a < b ? 1 : -1));

  return (
    <section className="donor" data-testid="donor-panel" data-donor-id={donor.id} data-state={status.state}>
      <header className="donor__head">
        <div>
          <h2 className="donor__name" data-testid="donor-name">
            {donor.fullName}
          </h2>
          <div className="donor__agency">
            {agency.vi} {agency.en ? <span className="en">{agency.en}</span> : null}
          </div>
        </div>
        <StatusBadge status={status} newDonor={newDonor && overlay.pendingIds.has(donor.registeredEventId)} />
      </header>

      <TodayLine status={status} timeZone={timeZone} />

      <div className="donor__actions">
        {status.state === 'registered' ? (
          <button
            type="button"
            className="btn btn--primary btn--big"
            data-testid="check-in"
            onClick={() => {
              void checkIn(donor);
              onDone();
            }}
          >
            Xác nhận đến <span className="en">Check in</span>
          </button>
        ) : null}
        {status.state === 'checkedIn' && deferring !== donor.id ? (
          <>
            <div className="volumes" role="group" aria-label="Đã hiến · Donated">
              <span className="volumes__label">
                Đã hiến <span className="en">Donated</span>
              </span>
              {VOLUMES.map((volume) => {
                const over = maxVolume !== null && volume > maxVolume;
                return (
                  <button
                    key={volume}
                    type="button"
                    className={`btn btn--big btn--volume ${over ? 'is-over' : ''}`}
                    data-testid={`donate-${volume}`}
                    title={over ? `Vượt mức gợi ý ${maxVolume} ml` : undefined}
                    onMouseEnter={() => setChosenVolume(volume)}
                    onMouseLeave={() => setChosenVolume(null)}
                    onFocus={() => setChosenVolume(volume)}
                    onBlur={() => setChosenVolume(null)}
                    onClick={() => {
                      void recordDonation(donor, volume);
                      onDone();
                    }}
                  >
                    {volume} ml{over ? ' ⚠' : ''}
                  </button>
                );
              })}
            </div>
            <button type="button" className="btn btn--warn" data-testid="defer" onClick={() => setDeferring(donor.id)}>
              Tạm hoãn… <span className="en">Defer…</span>
            </button>
          </>
        ) : null}
        {status.state === 'checkedIn' && deferring === donor.id ? (
          <DeferForm
            donor={donor}
            onDone={() => {
              setDeferring(null);
              onDone();
            }}
          />
        ) : null}
      </div>

      <Hints donor={donor} today={today} days={days} volume={chosenVolume} />

      <dl className="details">
        <div>
          <dt>Năm sinh</dt>
          <dd>{donor.birthYear ? `${donor.birthYear} (${ageText(donor.birthYear, today)})` : '—'}</dd>
        </div>
        <div>
          <dt>Giới tính</dt>
          <dd>{donor.gender ? GENDER_TEXT[donor.gender]?.vi : '—'}</dd>
        </div>
        <div>
          <dt>Điện thoại</dt>
          <dd className="num">{formatPhone(donor.phone) || '—'}</dd>
        </div>
        <div>
          <dt>CCCD</dt>
          <dd className="num">{maskNationalId(donor.nationalId, last4) || '—'}</dd>
        </div>
        <div>
          <dt>Nhóm máu</dt>
          <dd>{donor.bloodType ?? '—'}</dd>
        </div>
        <div>
          <dt>Cân nặng</dt>
          <dd>{donor.weightKg !== undefined ? `${String(donor.weightKg).replace('.', ',')} kg` : <WeightQuick donor={donor} />}</dd>
        </div>
        <div>
          <dt>Lần hiến trước</dt>
          <dd>{donor.lastDonationDate ? formatDate(donor.lastDonationDate) : days.length ? formatDate(days[days.length - 1]!) : '—'}</dd>
        </div>
        <div>
          <dt>Mã</dt>
          <dd className="num donor__id">{donor.id}</dd>
        </div>
      </dl>

      {history.length ? (
        <ul className="history" aria-label="Các ngày khác · Other days">
          {history.map(([day, record]) => (
            <li key={day}>
              {formatDate(day)}: đến {formatTime(record.checkedInAt, timeZone)}
              {record.outcome?.kind === 'donated' ? `, đã hiến ${formatVolume(record.outcome.volumeMl)}` : record.outcome?.kind === 'deferred' ? ', tạm hoãn' : ''}
            </li>
          ))}
        </ul>
      ) : null}

      <footer className="donor__foot">
        <button type="button" className="btn" data-testid="edit-donor" onClick={() => deskActions.openEdit(donor.id)}>
          Sửa thông tin <span className="en">Correct details</span>
        </button>
        {lastOwn ? (
          <div className="donor__undo">
            <span className="donor__undo-what">
              Thao tác cuối của bàn: {lastOwn.entry.type === 'donor.donated' ? 'đã hiến' : lastOwn.entry.type === 'donor.deferred' ? 'tạm hoãn' : lastOwn.entry.type === 'donor.checked_in' ? 'xác nhận đến' : 'đăng ký'}{' '}
              lúc {formatTime(lastOwn.entry.createdAt, timeZone)}
            </span>
            <UndoControl entry={lastOwn.entry} />
          </div>
        ) : null}
      </footer>
    </section>
  );
}
