/**
 * Need to know (API.md "Auth", Nghị định 13/2023/NĐ-CP): who receives what of a person. Every
 * event, projection and state body sent to a client passes through here, by its viewer:
 *
 * | visibility | roles        | donor events                                   | projection                                       |
 * | ---------- | ------------ | ---------------------------------------------- | ------------------------------------------------ |
 * | `full`     | admin        | as recorded                                    | everything                                       |
 * | `desk`     | desk         | as recorded; another device's deferral reason and correction notes hidden | the same |
 * | `staff`    | coordinator  | counted: agency, day, volume, quarter hour      | counts, tasks, incidents, run of show            |
 * | `mc`       | mc           | counted, plus the name of a donor who agreed to have it announced | counts, milestones with those names |
 * | `public`   | wall, agency | counted                                         | counts; incidents as numbers only; the parade's route and the posts |
 *
 * (issue 18) An agency's liaison holds the wall's view of the festival, and its own agency's
 * people from GET /api/agencies/:agencyId/people (server/agency/): never another agency's.
 *
 * The parade's escort and the posts' shifts (names, phones) go to coordinators and admin only.
 *
 * The ceremony's honourees (issue 17) are public by the nature of the honour: their name, unit
 * and award go to every page — except an honouree who asked not to be shown, whose name and
 * unit go only to those who run the ceremony (coordinators: reception and the stage; the MC who
 * reads them; admin). Who received for an absent honouree, and the dossiers' notes, stay with
 * coordinators and admin.
 *
 * Nobody receives a CCCD: it stops at the door (door.ts); desks and admin see its last 4
 * digits, and its keyed hash never leaves the server.
 */
import type { CountedPayload, RecordedEvent, WireEvent } from './events.ts';
import type { AppliedEvent, Donor, Honouree, IncidentInfo, MilestoneInfo, ProjectionState } from './projection.ts';
import { announceableName, announceNameFor, isCountedType, isVoidable, liveStateOf, worldOf } from './projection.ts';
import type { Role } from './roles.ts';

export type Visibility = 'full' | 'desk' | 'staff' | 'mc' | 'public';

/** Who receives: the visibility of its role, and its token (a desk sees the deferral reasons it recorded). */
export interface Viewer {
  visibility: Visibility;
  tokenId?: string;
}

export function visibilityOf(role: Role): Visibility {
  switch (role) {
    case 'admin':
      return 'full';
    case 'desk':
      return 'desk';
    case 'coordinator':
      return 'staff';
    case 'mc':
      return 'mc';
    // An agency's liaison counts like the wall on the live stream; its own people come from
    // GET /api/agencies/:id/people, to its token only (server/agency/).
    case 'wall':
    case 'agency':
      return 'public';
  }
}

export function viewerOf(principal: { role: Role; id: string }): Viewer {
  return { visibility: visibilityOf(principal.role), tokenId: principal.id };
}

/** Whether a visibility holds donors' records (admin and desks); the others hold counts. */
export function seesDonors(visibility: Visibility): boolean {
  return visibility === 'full' || visibility === 'desk';
}

export function seesPii(role: Role): boolean {
  return seesDonors(visibilityOf(role));
}

function without<T extends object>(value: T, keys: readonly string[]): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) delete copy[key];
  return copy as T;
}

/** What the server knows beside an event when it sends it. */
export interface SendContext {
  /** The event's counted form, as the server keeps it beside the event (null: not a donor's event). */
  counted: CountedPayload | null;
  /** The state now: the MC's names are looked up in it (consent may have changed since). */
  state?: ProjectionState;
}

/** Never sent to anyone: the keyed hash of a CCCD, the ref of a person's key. */
const SERVER_ONLY_FIELDS = ['nationalIdHash', 'keyRef'] as const;

/** The event as the viewer may receive it (a copy where it differs; the original is untouched). */
export function eventForViewer(event: RecordedEvent, viewer: Viewer, context: SendContext): WireEvent {
  const { visibility } = viewer;
  if (!seesRosters(visibility) && (event.type === 'parade.escort_set' || event.type === 'security.shift_set')) return rosterForOthers(event);
  if (event.type.startsWith('ceremony.')) return ceremonyEventFor(event, visibility, context);
  // (issue 18) The note returning an agency's list may name people: the standing office's.
  if (event.type === 'list.reviewed' && visibility !== 'full') return { ...event, payload: without(event.payload, ['note']) };
  if (!seesDonors(visibility)) {
    if (context.counted !== null) return { ...event, payload: countedFor(event, visibility, context) } as WireEvent;
    return visibility === 'public' ? staffEventForPublic(event) : event;
  }
  switch (event.type) {
    case 'donor.registered':
    case 'donor.updated':
      return { ...event, payload: without(event.payload, SERVER_ONLY_FIELDS) } as WireEvent;
    case 'donor.deferred':
      return visibility === 'desk' && !isOwn(event, viewer) ? { ...event, payload: { donorId: event.payload.donorId } } : event;
    case 'event.voided':
      // A correction note about a donor: for the desk that wrote it (and admin).
      return visibility === 'desk' && context.counted !== null && !isOwn(event, viewer) ? { ...event, payload: { ...event.payload, reason: '' } } : event;
    default:
      return event;
  }
}

function isOwn(event: RecordedEvent, viewer: Viewer): boolean {
  return viewer.tokenId !== undefined && event.actor?.tokenId === viewer.tokenId;
}

function countedFor(event: RecordedEvent, visibility: Visibility, context: SendContext): CountedPayload {
  const counted = context.counted!;
  if (visibility !== 'mc' || !context.state) return counted;
  const name = announceNameFor(context.state, event, counted);
  return name ? ({ ...counted, announceName: name } as CountedPayload) : counted;
}

/**
 * Who escorts the parade and who holds each security post (names, phones): the coordinators'
 * and the organisers' business, no one else's (issue 17) — desks, the MC and the wall get them
 * as nobody, and their projections keep no roster (projection.ts).
 */
export function seesRosters(visibility: Visibility): boolean {
  return visibility === 'staff' || visibility === 'full';
}

function rosterForOthers(event: RecordedEvent): WireEvent {
  switch (event.type) {
    case 'parade.escort_set':
      return { ...event, payload: { memberId: event.payload.memberId, name: '' } };
    case 'security.shift_set':
      return { ...event, payload: { shiftId: event.payload.shiftId, postId: event.payload.postId, day: event.payload.day, from: event.payload.from, to: event.payload.to, who: '' } };
    default:
      return event as WireEvent;
  }
}

/** Who runs the ceremony, and sees every honouree's name and who received for them. */
function runsCeremony(visibility: Visibility): boolean {
  return visibility === 'staff' || visibility === 'full';
}

/** Whether the viewer may see this honouree's name: everyone, unless they asked not to be shown (then those who run the ceremony and the MC). */
function seesHonoureeName(visibility: Visibility, hidden: boolean): boolean {
  return !hidden || runsCeremony(visibility) || visibility === 'mc';
}

function ceremonyEventFor(event: RecordedEvent, visibility: Visibility, context: SendContext): WireEvent {
  switch (event.type) {
    case 'ceremony.honouree_set': {
      const payload = without(event.payload, ['keyRef']);
      // Hidden now, or then: a catch-up never brings back a name its honouree has since withdrawn.
      const hidden = Boolean(event.payload.hidden) || Boolean(context.state?.honourees.get(event.payload.honoureeId)?.hidden);
      return { ...event, payload: seesHonoureeName(visibility, hidden) ? payload : { ...without(payload, ['unit']), name: '', hidden: true } } as WireEvent;
    }
    case 'ceremony.arrived':
      // Others know that someone received for the honouree (the MC's counts), never who.
      return runsCeremony(visibility) || event.payload.representative === undefined ? event : { ...event, payload: { ...event.payload, representative: '' } };
    case 'ceremony.script_set':
      // The MC's edited script names everyone, the hidden too: for those who run the ceremony.
      return runsCeremony(visibility) || visibility === 'mc' ? event : { ...event, payload: { ...event.payload, text: '' } };
    case 'ceremony.dossier_set':
      return runsCeremony(visibility) ? event : { ...event, payload: without(event.payload, ['note']) };
    case 'ceremony.honouree_erased':
      return visibility === 'full' ? event : { ...event, payload: { ...event.payload, reason: '' } };
    default:
      return event as WireEvent;
  }
}

/** An honouree as the viewer may hold them (see ceremonyEventFor). */
function honoureeForViewer(honouree: Honouree, visibility: Visibility): Honouree {
  const copy = without(honouree, ['keyRef']);
  if (runsCeremony(visibility)) return copy;
  if (!seesHonoureeName(visibility, Boolean(honouree.hidden))) {
    copy.name = '';
    delete copy.unit;
  }
  if (copy.representative !== undefined) copy.representative = '';
  if (copy.dossier?.note) copy.dossier = without(copy.dossier, ['note']);
  return copy;
}

/** Staff events as the wall receives them: incidents as numbers. */
function staffEventForPublic(event: RecordedEvent): RecordedEvent {
  switch (event.type) {
    case 'incident.reported':
      return { ...event, payload: { ...without(event.payload, ['place', 'note', 'taskId']), title: '' } };
    case 'incident.acknowledged':
    case 'incident.resolved':
      return { ...event, payload: without(event.payload, ['note']) };
    default:
      return event;
  }
}

// ---- projections ------------------------------------------------------------------------

function donorForViewer(donor: Donor, viewer: Viewer): Donor {
  const copy = without(donor, SERVER_ONLY_FIELDS);
  if (viewer.visibility !== 'desk') return copy;
  let hidden = false;
  const days = new Map(donor.days);
  for (const [day, record] of donor.days) {
    const outcome = record.outcome;
    if (outcome?.kind === 'deferred' && (outcome.reason !== undefined || outcome.reasonCode !== undefined) && outcome.actorTokenId !== viewer.tokenId) {
      days.set(day, { ...record, outcome: without(outcome, ['reason', 'reasonCode']) });
      hidden = true;
    }
  }
  if (hidden) copy.days = days;
  return copy;
}

function incidentForPublic(incident: IncidentInfo): IncidentInfo {
  return { ...without(incident, ['place', 'note', 'taskId']), title: '', updates: incident.updates.map((u) => without(u, ['note'])) };
}

/** A milestone as the viewer may hold it: the donor stays with admin and desks; the MC may have a consented name. */
export function milestoneForViewer(milestone: MilestoneInfo, state: ProjectionState, visibility: Visibility): MilestoneInfo {
  if (seesDonors(visibility)) return milestone;
  const copy = without(milestone, ['donorId', 'announceName']);
  if (visibility === 'mc') {
    const name = milestone.announceName ?? (milestone.donorId ? announceableName(state.donors.get(milestone.donorId)) : undefined);
    if (name) copy.announceName = name;
  }
  return copy;
}

/** The projection as the viewer may hold it (a shallow copy where it differs); a rehearsal's parked live world likewise. */
export function projectionForViewer(state: ProjectionState, viewer: Viewer): ProjectionState {
  const shown = worldForViewer(state, viewer);
  if (!state.rehearsal) return shown;
  return { ...shown, rehearsal: { ...state.rehearsal, live: worldOf(worldForViewer(liveStateOf(state), viewer)) } };
}

function worldForViewer(state: ProjectionState, viewer: Viewer): ProjectionState {
  const { visibility } = viewer;
  const rosters = seesRosters(visibility) ? {} : { paradeEscort: new Map(), securityShifts: new Map() };
  const honourees = new Map([...state.honourees].map(([id, honouree]) => [id, honoureeForViewer(honouree, visibility)]));
  // The MC's edited scripts name the hidden honourees too: not for the wall or the desks.
  const hidden = ['scriptKeyRef', 'retiredKeyRefs', ...(runsCeremony(visibility) || visibility === 'mc' ? [] : ['script'])];
  const ceremony = { honourees, ceremonyBatches: new Map([...state.ceremonyBatches].map(([id, batch]) => [id, without(batch, hidden)])) };
  if (seesDonors(visibility)) {
    return {
      ...state,
      ...ceremony,
      imports: visibility === 'full' ? state.imports : new Map([...state.imports].map(([id, list]) => [id, list.review?.note ? { ...list, review: without(list.review, ['note']) } : list])),
      donors: new Map([...state.donors].map(([id, donor]) => [id, donorForViewer(donor, viewer)])),
      // CCCD hashes: the server's alone.
      nationalIdIndex: new Map(),
      ...rosters,
    };
  }
  const applied = new Map<string, AppliedEvent>();
  // The memory of a voidable donor event names the donor (and its day): not for the counting roles.
  for (const [id, entry] of state.applied) if (!(isCountedType(entry.type) && isVoidable(entry.type))) applied.set(id, entry);
  return {
    ...state,
    donors: new Map(),
    nationalIdIndex: new Map(),
    identityIndex: new Map(),
    identityShared: new Map(),
    imports: new Map(),
    donatedByBloodType: new Map(),
    milestones: new Map([...state.milestones].map(([id, milestone]) => [id, milestoneForViewer(milestone, state, visibility)])),
    incidents: visibility === 'public' ? new Map([...state.incidents].map(([id, incident]) => [id, incidentForPublic(incident)])) : state.incidents,
    // Where the parade is and which posts exist are everyone's; who holds them, only staff's.
    ...rosters,
    ...ceremony,
    applied,
  };
}
