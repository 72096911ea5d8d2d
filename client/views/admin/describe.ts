/**
 * One line saying what an event in the audit log did, in the reader's language, with names
 * looked up in the live projection ("Nguyễn Văn A · Sở Y tế", "Dựng sân khấu → Đã xong").
 * A person whose data was erased is named by their donor id: the server sends their
 * registration without a name (`fullName: ''`, `erased: true`), and the projection forgot it.
 */
import type { ProjectionState } from '../../../shared/projection.ts';
import { quotaOf, type QuotaRuleValue } from '../../../shared/quota.ts';
import type { Formatter, TFunction } from '../../i18n/index.ts';
import type { AuditEntry } from './api.ts';

type P = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function describeEvent(entry: AuditEntry, projection: ProjectionState | null, t: TFunction, fmt: Formatter): string {
  const p = entry.payload as P;
  const lang = fmt.lang;
  const agency = (id: unknown) => {
    const a = projection?.agencies.get(str(id));
    if (str(id) === 'walk-in') return t('report.walkIns');
    return a ? (lang === 'en' && a.nameEn ? a.nameEn : a.name) : str(id);
  };
  const erasedPerson = (id: unknown) => t('admin.audit.erasedPerson', { id: str(id) });
  const donor = (id: unknown) => {
    const found = projection?.donors.get(str(id));
    if (!found) return str(id);
    return found.erased || !found.fullName ? erasedPerson(id) : found.fullName;
  };
  /** A free text erased with the person's data comes back empty. */
  const reason = (v: unknown) => str(v) || t('admin.audit.reasonErased');
  const task = (id: unknown) => {
    const x = projection?.tasks.get(str(id));
    return x ? (lang === 'en' && x.titleEn ? x.titleEn : x.title) : str(id);
  };
  const milestone = (id: unknown) => projection?.milestones.get(str(id))?.label ?? str(id);
  switch (entry.type) {
    case 'donor.registered':
      return `${p.erased || !p.fullName ? t('admin.audit.donorId', { id: str(p.donorId) }) : str(p.fullName)} · ${agency(p.agencyId)}`;
    case 'donor.updated':
      return `${donor(p.donorId)} · ${Object.keys(p)
        .filter((k) => k !== 'donorId')
        .join(', ')}`;
    case 'donor.checked_in':
      return donor(p.donorId);
    case 'donor.donated':
      return `${donor(p.donorId)} · ${fmt.number(Number(p.volumeMl))} ml`;
    case 'donor.deferred': {
      // v1.1 may send a reason code alone; both go with an erasure.
      const why = [str(p.reasonCode), str(p.reason)].filter(Boolean).join(' · ');
      return `${donor(p.donorId)} · ${why || t('admin.audit.reasonErased')}`;
    }
    case 'task.status_set':
      return `${task(p.taskId)} → ${t(`taskStatus.${str(p.status)}`)}${p.note ? ` · ${str(p.note)}` : ''}`;
    case 'task.defined':
      return `${str(lang === 'en' && p.titleEn ? p.titleEn : p.title)} · ${agency(p.owner)}`;
    case 'milestone.announced':
    case 'milestone.skipped':
      return milestone(p.milestoneId);
    case 'milestone.rule_defined':
      return `${str(p.label)} · ${fmt.number(Number(p.threshold))}`;
    case 'milestone.template_set':
      return `${t(`milestoneKinds.${str(p.kind)}`)}: ${str(p.text)}`;
    case 'event.voided':
      return t('admin.audit.voids', { id: str(p.eventId), reason: reason(p.reason) });
    case 'event.configured':
      return `${str(p.name)} · ${(Array.isArray(p.days) ? (p.days as string[]) : []).map((d) => fmt.date(d)).join(', ')}`;
    case 'agency.upserted': {
      const quota = quotaOf((p.quota as QuotaRuleValue | null) ?? null);
      return `${str(lang === 'en' && p.nameEn ? p.nameEn : p.name)} · ${quota === null ? t('admin.agencies.ruleNone') : t('admin.audit.quota', { n: fmt.number(quota) })}`;
    }
    case 'wall.message_set':
      return p.text === null ? t('admin.audit.wallCleared') : str(p.text);
    case 'incident.reported':
      return `${str(p.title)} · ${t(`severity.${str(p.severity)}`)}`;
    case 'incident.acknowledged':
    case 'incident.resolved': {
      const incident = projection?.incidents.get(str(p.incidentId));
      return `${incident?.title ?? str(p.incidentId)}${p.note ? ` · ${str(p.note)}` : ''}`;
    }
    case 'schedule.item_set':
      return `${fmt.dateTime(str(p.start))} · ${str(lang === 'en' && p.titleEn ? p.titleEn : p.title)}`;
    case 'schedule.item_removed': {
      return str(p.itemId);
    }
    case 'list.imported':
      return t('admin.audit.imported', { file: str(p.fileName), agency: agency(p.agencyId), rows: fmt.number(Number(p.rows)) });
    case 'donor.erased':
      return t('admin.audit.erasedOne', { id: str(p.donorId), reason: str(p.reason) });
    case 'personal_data.expired':
      return t('admin.audit.expired', { upTo: fmt.dateTime(str(p.registeredUpTo)), reason: str(p.reason) });
    default:
      return JSON.stringify(p).slice(0, 200);
  }
}
