/**
 * Setup → Diễu hành & an ninh (issue 17): the parade's route (its points in order with their
 * planned times), its escort (who, of which unit, at which point, their phone), the security
 * posts at the venue and their shifts per festival day (who, from–to). The default event comes
 * with placeholders ("cần điền người"): this is where the organisers put the real ones. Each
 * change is an event in the log; the consoles follow live.
 *
 * The four lists share one small editor: a list of rows, each opened into a form of fields.
 */
import { useState, type ReactNode } from 'react';
import { CHECKPOINT_KINDS } from '../../../shared/constants.ts';
import { paradeRoute } from '../../../shared/parade.ts';
import type { ProjectionState } from '../../../shared/projectionState.ts';
import { instantToZoned, zonedIso } from '../../../shared/time.ts';
import { useFormat, useT } from '../../i18n/index.ts';
import { Empty, Field, Panel } from './forms.tsx';
import { uniqueId } from './ids.ts';
import { useProjection } from './live.ts';
import { writeEvent } from './write.ts';

interface FieldSpec {
  key: string;
  label: string;
  kind?: 'text' | 'number' | 'date' | 'time' | 'tel' | 'select';
  options?: { value: string; label: string }[];
  required?: boolean;
  wide?: boolean;
  max?: number;
}

type Draft = Record<string, string>;

/** A row of a list: its id, what it shows, and its fields as the form edits them. */
interface Row {
  id: string;
  shown: ReactNode;
  draft: Draft;
}

function ListEditor(props: {
  name: string;
  rows: Row[];
  fields: FieldSpec[];
  empty: Draft;
  onSave: (id: string | null, draft: Draft) => Promise<boolean>;
  onRemove: (id: string) => Promise<boolean>;
}) {
  const t = useT();
  const [open, setOpen] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [busy, setBusy] = useState(false);
  const missing = props.fields.find((field) => field.required && !draft[field.key]?.trim());
  const start = (id: string | null, from: Draft) => {
    setOpen(id ?? 'new');
    setDraft(from);
  };
  const save = async () => {
    setBusy(true);
    const ok = await props.onSave(open === 'new' ? null : open, draft);
    setBusy(false);
    if (ok) setOpen(null);
  };
  const form = (
    <form
      className="adm-form adm-card"
      data-testid={`${props.name}-form`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!missing) void save();
      }}
    >
      <div className="adm-grid">
        {props.fields.map((field) => (
          <Field key={field.key} label={field.required ? `${field.label} *` : field.label} wide={field.wide ?? false}>
            {(id) =>
              field.kind === 'select' ? (
                <select id={id} value={draft[field.key] ?? ''} onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })} data-testid={`${props.name}-${field.key}`}>
                  {field.required ? null : <option value="">—</option>}
                  {field.options!.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={id}
                  type={field.kind ?? 'text'}
                  value={draft[field.key] ?? ''}
                  maxLength={field.max ?? 200}
                  onChange={(e) => setDraft({ ...draft, [field.key]: e.target.value })}
                  data-testid={`${props.name}-${field.key}`}
                />
              )
            }
          </Field>
        ))}
      </div>
      <div className="adm-savebar">
        {missing ? <span className="adm-warn">{t('admin.parade.required', { field: missing.label })}</span> : null}
        <button type="button" className="adm-btn adm-btn--ghost" onClick={() => setOpen(null)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="adm-btn adm-btn--primary" disabled={busy || missing !== undefined} data-testid={`${props.name}-save`}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
  return (
    <>
      {props.rows.length === 0 ? <Empty>{t('admin.parade.none')}</Empty> : null}
      <ul className="adm-list">
        {props.rows.map((row) =>
          open === row.id ? (
            <li key={row.id} className="adm-list__form">
              {form}
            </li>
          ) : (
            <li key={row.id} className="adm-list__item" data-testid={`${props.name}-row-${row.id}`}>
              <span>{row.shown}</span>
              <span className="adm-actions">
                <button type="button" className="adm-btn adm-btn--small" onClick={() => start(row.id, row.draft)} data-testid={`${props.name}-edit-${row.id}`}>
                  {t('admin.parade.edit')}
                </button>
                <button type="button" className="adm-btn adm-btn--small" onClick={() => void props.onRemove(row.id)}>
                  {t('admin.parade.remove')}
                </button>
              </span>
            </li>
          ),
        )}
      </ul>
      {open === 'new' ? (
        form
      ) : (
        <button type="button" className="adm-btn" onClick={() => start(null, props.empty)} data-testid={`${props.name}-add`}>
          + {t('admin.parade.add')}
        </button>
      )}
    </>
  );
}

/** Only what was filled in: the optional fields of a payload. */
function optional(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter((entry): entry is [string, string] => Boolean(entry[1]?.trim()))
      .map(([k, v]) => [k, v.trim()]),
  );
}

export function ParadeSetupPanel() {
  const t = useT();
  const fmt = useFormat();
  const { projection } = useProjection();
  if (!projection) return null;
  const tz = fmt.timeZone;
  const route = paradeRoute(projection);
  const checkpointOptions = route.map((c) => ({ value: c.id, label: c.name }));
  const postOptions = [...projection.securityPosts.values()].map((p) => ({ value: p.id, label: p.name }));
  const dayOptions = (projection.event?.days ?? []).map((d) => ({ value: d, label: fmt.date(d) }));
  const firstDay = projection.event?.days[0] ?? '';

  return (
    <>
      <Panel title={t('admin.parade.routeTitle')} intro={t('admin.parade.routeIntro')} testId="parade-route-panel">
        <ListEditor
          name="checkpoint"
          rows={route.map((c) => {
            const at = instantToZoned(c.plannedAt, tz);
            return {
              id: c.id,
              shown: (
                <>
                  <span className="num">{fmt.time(c.plannedAt)}</span> <strong>{c.name}</strong> <span className="adm-sub">· {t(`admin.parade.kinds.${c.kind}`)}</span>
                  {c.passedAt ? <span className="adm-sub"> · {t('admin.parade.passedAt', { time: fmt.time(c.passedAt) })}</span> : null}
                </>
              ),
              draft: { order: String(c.order), name: c.name, kind: c.kind, date: at.date, time: at.time, note: c.note ?? '' },
            };
          })}
          fields={[
            { key: 'order', label: t('admin.parade.order'), kind: 'number', required: true },
            { key: 'name', label: t('admin.parade.pointName'), required: true, wide: true },
            { key: 'kind', label: t('admin.parade.kind'), kind: 'select', required: true, options: CHECKPOINT_KINDS.map((k) => ({ value: k, label: t(`admin.parade.kinds.${k}`) })) },
            { key: 'date', label: t('admin.parade.date'), kind: 'date', required: true },
            { key: 'time', label: t('admin.parade.plannedTime'), kind: 'time', required: true },
            { key: 'note', label: t('admin.parade.note'), wide: true, max: 500 },
          ]}
          empty={{ order: String((route.at(-1)?.order ?? 0) + 1), name: '', kind: 'junction', date: route[0] ? instantToZoned(route[0].plannedAt, tz).date : firstDay, time: '', note: '' }}
          onSave={(id, d) => {
            const plannedAt = zonedIso(d.date!, d.time!, tz);
            if (!plannedAt) return Promise.resolve(false);
            return writeEvent('parade.checkpoint_set', {
              checkpointId: id ?? uniqueId(d.name!, (x) => projection.paradeCheckpoints.has(x), 'diem'),
              order: Number(d.order) || 0,
              name: d.name!.trim(),
              kind: d.kind as (typeof CHECKPOINT_KINDS)[number],
              plannedAt,
              ...optional({ note: d.note }),
            });
          }}
          onRemove={(id) => writeEvent('parade.checkpoint_removed', { checkpointId: id })}
        />
        <h3 className="adm-h3">{t('admin.parade.escortTitle')}</h3>
        <ListEditor
          name="escort"
          rows={[...projection.paradeEscort.values()].map((m) => ({
            id: m.id,
            shown: (
              <>
                <strong>{m.name}</strong>
                <span className="adm-sub">
                  {m.unit ? ` · ${m.unit}` : ''}
                  {m.checkpointId ? ` · ${projection.paradeCheckpoints.get(m.checkpointId)?.name ?? m.checkpointId}` : ''}
                  {m.post ? ` · ${m.post}` : ''}
                  {m.phone ? ` · ${m.phone}` : ''}
                </span>
              </>
            ),
            draft: { name: m.name, unit: m.unit ?? '', checkpointId: m.checkpointId ?? '', post: m.post ?? '', phone: m.phone ?? '' },
          }))}
          fields={[
            { key: 'name', label: t('admin.parade.who'), required: true, wide: true },
            { key: 'unit', label: t('admin.parade.unit') },
            { key: 'checkpointId', label: t('admin.parade.atPoint'), kind: 'select', options: checkpointOptions },
            { key: 'post', label: t('admin.parade.post') },
            { key: 'phone', label: t('admin.parade.phone'), kind: 'tel', max: 20 },
          ]}
          empty={{ name: '', unit: '', checkpointId: '', post: '', phone: '' }}
          onSave={(id, d) =>
            writeEvent('parade.escort_set', {
              memberId: id ?? uniqueId(d.name!, (x) => projection.paradeEscort.has(x), 'nguoi'),
              name: d.name!.trim(),
              ...optional({ unit: d.unit, checkpointId: d.checkpointId, post: d.post, phone: d.phone }),
            })
          }
          onRemove={(id) => writeEvent('parade.escort_removed', { memberId: id })}
        />
      </Panel>
      <Panel title={t('admin.parade.securityTitle')} intro={t('admin.parade.securityIntro')} testId="security-setup-panel">
        <ListEditor
          name="post"
          rows={[...projection.securityPosts.values()].map((p) => ({
            id: p.id,
            shown: (
              <>
                <strong>{p.name}</strong>
                {p.place ? <span className="adm-sub"> · {p.place}</span> : null}
              </>
            ),
            draft: { name: p.name, place: p.place ?? '' },
          }))}
          fields={[
            { key: 'name', label: t('admin.parade.postName'), required: true, wide: true },
            { key: 'place', label: t('admin.parade.place'), wide: true },
          ]}
          empty={{ name: '', place: '' }}
          onSave={(id, d) =>
            writeEvent('security.post_set', { postId: id ?? uniqueId(d.name!, (x) => projection.securityPosts.has(x), 'chot'), name: d.name!.trim(), ...optional({ place: d.place }) })
          }
          onRemove={(id) => writeEvent('security.post_removed', { postId: id })}
        />
        <h3 className="adm-h3">{t('admin.parade.shiftsTitle')}</h3>
        <ListEditor
          name="shift"
          rows={shiftsInOrder(projection).map((s) => ({
            id: s.id,
            shown: (
              <>
                <span className="num">
                  {fmt.date(s.day)} {s.from}–{s.to}
                </span>{' '}
                <strong>{projection.securityPosts.get(s.postId)?.name ?? s.postId}</strong> <span className="adm-sub">· {s.who}</span>
                {s.phone ? <span className="adm-sub"> · {s.phone}</span> : null}
              </>
            ),
            draft: { postId: s.postId, day: s.day, from: s.from, to: s.to, who: s.who, phone: s.phone ?? '' },
          }))}
          fields={[
            { key: 'postId', label: t('admin.parade.postName'), kind: 'select', required: true, options: postOptions },
            { key: 'day', label: t('admin.parade.date'), kind: 'select', required: true, options: dayOptions },
            { key: 'from', label: t('admin.parade.from'), kind: 'time', required: true },
            { key: 'to', label: t('admin.parade.to'), kind: 'time', required: true },
            { key: 'who', label: t('admin.parade.who'), required: true, wide: true },
            { key: 'phone', label: t('admin.parade.phone'), kind: 'tel', max: 20 },
          ]}
          empty={{ postId: postOptions[0]?.value ?? '', day: firstDay, from: '', to: '', who: '', phone: '' }}
          onSave={(id, d) =>
            writeEvent('security.shift_set', {
              shiftId: id ?? uniqueId(`${d.postId}-${d.day}-${d.from}`, (x) => projection.securityShifts.has(x), 'ca'),
              postId: d.postId!,
              day: d.day!,
              from: d.from!,
              to: d.to!,
              who: d.who!.trim(),
              ...optional({ phone: d.phone }),
            })
          }
          onRemove={(id) => writeEvent('security.shift_removed', { shiftId: id })}
        />
      </Panel>
    </>
  );
}

function shiftsInOrder(projection: ProjectionState) {
  const postName = (id: string) => projection.securityPosts.get(id)?.name ?? id;
  return [...projection.securityShifts.values()].sort((a, b) => a.day.localeCompare(b.day) || a.from.localeCompare(b.from) || postName(a.postId).localeCompare(postName(b.postId), 'vi'));
}
