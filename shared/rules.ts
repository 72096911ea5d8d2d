/**
 * Domain rules: may this event be recorded now, given the state? Pure functions returning a
 * coded failure (answered 409 by the server) instead of throwing. Run before an event is
 * appended, against the state that includes every event recorded before it.
 */
import type { NewEvent } from './events.ts';
import { WALK_IN_AGENCY_ID } from './constants.ts';
import type { Donor, ProjectionState } from './projection.ts';
import { PERSONAL_DONOR_FIELDS, eventDayOf, identityKeysOf, isRehearsalScoped, isVoidable, taskStatus } from './projection.ts';
import type { Role } from './roles.ts';
import { isKnownTimeZone } from './time.ts';
import { foldForSearch } from './format.ts';
import { milestoneHolds } from './milestones.ts';

export type RuleCode =
  | 'unknown_agency'
  | 'unknown_donor'
  | 'donor_already_registered'
  | 'not_registered'
  | 'already_checked_in'
  | 'not_checked_in'
  | 'already_donated_today'
  | 'already_donated'
  | 'override_not_allowed'
  | 'already_deferred_today'
  | 'unknown_task'
  | 'unknown_milestone'
  | 'already_announced'
  | 'milestone_withdrawn'
  | 'mode_unchanged'
  | 'live_event_in_rehearsal'
  | 'unknown_event'
  | 'already_voided'
  | 'not_voidable'
  | 'void_blocked'
  | 'not_own_event'
  | 'unknown_timezone'
  | 'invalid_days'
  | 'duplicate_donor'
  | 'already_skipped'
  | 'unknown_incident'
  | 'incident_exists'
  | 'incident_not_open'
  | 'already_resolved'
  | 'unknown_schedule_item'
  | 'unknown_checkpoint'
  | 'checkpoint_passed'
  | 'already_passed'
  | 'unknown_escort_member'
  | 'unknown_post'
  | 'post_in_use'
  | 'unknown_shift'
  | 'already_manned'
  | 'unknown_award'
  | 'award_in_use'
  | 'unknown_batch'
  | 'batch_not_empty'
  | 'unknown_honouree'
  | 'honouree_erased'
  | 'already_arrived'
  | 'batch_on_stage'
  | 'batch_done'
  | 'batch_not_on_stage'
  | 'already_read'
  | 'donor_erased'
  | 'already_erased'
  | 'unknown_import'
  | 'import_exists'
  | 'reason_has_personal_data'
  | 'quota_not_by_headcount';

export type RuleResult = { ok: true } | { ok: false; code: RuleCode; message: string; details?: Record<string, unknown> };

/** Who is writing, and when the event happened (its time of action: `occurredAt` as placed, else the receive time). */
export interface WriteContext {
  role: Role;
  tokenId: string;
  at: string;
}

const OK: RuleResult = { ok: true };
const fail = (code: RuleCode, message: string, details?: Record<string, unknown>): RuleResult => (details ? { ok: false, code, message, details } : { ok: false, code, message });

const unknownPost = (postId: string): RuleResult => fail('unknown_post', `no security post with id ${JSON.stringify(postId)}`);
const unknownShift = (shiftId: string): RuleResult => fail('unknown_shift', `no security shift with id ${JSON.stringify(shiftId)}`);
const unknownCheckpoint = (checkpointId: string): RuleResult => fail('unknown_checkpoint', `no checkpoint of the parade route with id ${JSON.stringify(checkpointId)}`);

export function checkEvent(state: ProjectionState, event: NewEvent, ctx: WriteContext): RuleResult {
  switch (event.type) {
    case 'event.configured': {
      const { timezone, days } = event.payload;
      if (!isKnownTimeZone(timezone)) return fail('unknown_timezone', `unknown time zone ${JSON.stringify(timezone)}`);
      const sorted = [...days].sort();
      if (new Set(days).size !== days.length || sorted.some((d, i) => d !== days[i])) {
        return fail('invalid_days', 'days must be distinct and in order');
      }
      return OK;
    }
    case 'agency.upserted':
      return event.payload.agencyId === WALK_IN_AGENCY_ID ? fail('unknown_agency', `"${WALK_IN_AGENCY_ID}" is reserved for donors with no agency`) : OK;
    case 'task.defined':
      return state.agencies.has(event.payload.owner) ? OK : fail('unknown_agency', `task owner: no agency with id ${JSON.stringify(event.payload.owner)}`);

    case 'donor.registered': {
      const { donorId, agencyId, importId } = event.payload;
      if (agencyId !== WALK_IN_AGENCY_ID && !state.agencies.has(agencyId)) {
        return fail('unknown_agency', `no agency with id ${JSON.stringify(agencyId)} (use "${WALK_IN_AGENCY_ID}" for a donor with no agency)`);
      }
      if (importId !== undefined && !state.imports.has(importId)) {
        return fail('unknown_import', `no list.imported with importId ${JSON.stringify(importId)}: send it before the rows`);
      }
      const existing = state.donors.get(donorId);
      if (existing) {
        return fail('donor_already_registered', `donor ${JSON.stringify(donorId)} is already registered`, {
          registeredAt: existing.registeredAt,
        });
      }
      return checkSamePerson(state, event.payload, donorId);
    }
    case 'donor.updated': {
      const { donorId, agencyId } = event.payload;
      const donor = state.donors.get(donorId);
      if (!donor) return fail('unknown_donor', `no donor with id ${JSON.stringify(donorId)}`);
      if (agencyId !== undefined && agencyId !== WALK_IN_AGENCY_ID && !state.agencies.has(agencyId)) {
        return fail('unknown_agency', `no agency with id ${JSON.stringify(agencyId)}`);
      }
      if (donor.erased && PERSONAL_UPDATE_FIELDS.some((field) => event.payload[field] !== undefined)) {
        return fail('donor_erased', "this person's personal data was erased: it cannot be written again (register them anew if they come back)");
      }
      const hash = event.payload.nationalIdHash;
      const holder = hash ? state.nationalIdIndex.get(hash) : undefined;
      if (holder && holder !== donorId) {
        return fail('duplicate_donor', 'another donor is registered with this national id', { donorId: holder });
      }
      return OK;
    }
    case 'donor.erased': {
      const donor = state.donors.get(event.payload.donorId);
      if (!donor) return fail('unknown_donor', `no donor with id ${JSON.stringify(event.payload.donorId)}`);
      if (donor.erasedSeq !== undefined) return fail('already_erased', "this person's personal data is already erased");
      return checkErasureReason(event.payload.reason, donor.fullName);
    }
    case 'personal_data.expired':
      return checkErasureReason(event.payload.reason, null);
    case 'list.imported': {
      const { importId, agencyId } = event.payload;
      if (state.imports.has(importId)) return fail('import_exists', `a list was already imported with importId ${JSON.stringify(importId)}`);
      if (agencyId !== WALK_IN_AGENCY_ID && !state.agencies.has(agencyId)) return fail('unknown_agency', `no agency with id ${JSON.stringify(agencyId)}`);
      return OK;
    }
    case 'donor.checked_in': {
      const donor = state.donors.get(event.payload.donorId);
      if (!donor) return fail('not_registered', `donor ${JSON.stringify(event.payload.donorId)} is not registered: register before check-in`);
      const today = donor.days.get(eventDayOf(state, ctx.at));
      if (today) {
        return fail('already_checked_in', `donor already checked in today at ${today.checkedInAt}${today.checkedInBy ? ` (${today.checkedInBy})` : ''}`, {
          checkedInAt: today.checkedInAt,
          by: today.checkedInBy ?? null,
        });
      }
      return OK;
    }
    case 'donor.donated':
    case 'donor.deferred': {
      const donor = state.donors.get(event.payload.donorId);
      if (!donor) return fail('unknown_donor', `no donor with id ${JSON.stringify(event.payload.donorId)}`);
      const today = donor.days.get(eventDayOf(state, ctx.at));
      if (!today) return fail('not_checked_in', `donor is not checked in today: check in first`);
      const outcome = today.outcome;
      if (outcome?.kind === 'donated') {
        return fail('already_donated_today', `donor already donated today at ${outcome.at}${outcome.by ? ` (${outcome.by})` : ''}`, {
          at: outcome.at,
          by: outcome.by ?? null,
          eventId: outcome.eventId,
        });
      }
      if (outcome?.kind === 'deferred') {
        return fail('already_deferred_today', `donor was deferred today at ${outcome.at}${outcome.by ? ` (${outcome.by})` : ''}`, {
          at: outcome.at,
          by: outcome.by ?? null,
          eventId: outcome.eventId,
        });
      }
      return event.type === 'donor.donated' ? checkOneDonationPerFestival(state, donor, event.payload.secondDonationReason, ctx) : OK;
    }
    case 'task.status_set':
      return state.tasks.has(event.payload.taskId) ? OK : fail('unknown_task', `no task with id ${JSON.stringify(event.payload.taskId)}`);
    case 'milestone.announced':
      return checkMilestoneOpen(state, event.payload.milestoneId);
    case 'milestone.skipped': {
      const open = checkMilestoneOpen(state, event.payload.milestoneId);
      const skippedAt = state.milestones.get(event.payload.milestoneId)?.skippedAt;
      return open.ok && skippedAt ? fail('already_skipped', `milestone already skipped at ${skippedAt}`) : open;
    }
    case 'milestone.rule_defined': {
      const { agencyId } = event.payload;
      return agencyId === undefined || state.agencies.has(agencyId) || agencyId === WALK_IN_AGENCY_ID ? OK : fail('unknown_agency', `no agency with id ${JSON.stringify(agencyId)}`);
    }
    case 'milestone.template_set':
    case 'wall.message_set':
    case 'schedule.item_set':
      return OK;
    case 'schedule.item_removed':
      return state.schedule.has(event.payload.itemId) ? OK : fail('unknown_schedule_item', `no run-of-show item with id ${JSON.stringify(event.payload.itemId)}`);
    case 'incident.reported': {
      const { incidentId, taskId, checkpointId } = event.payload;
      if (state.incidents.has(incidentId)) return fail('incident_exists', `an incident with id ${JSON.stringify(incidentId)} was already reported`);
      if (taskId !== undefined && !state.tasks.has(taskId)) return fail('unknown_task', `no task with id ${JSON.stringify(taskId)}`);
      if (checkpointId !== undefined && !state.paradeCheckpoints.has(checkpointId)) return unknownCheckpoint(checkpointId);
      return OK;
    }
    case 'incident.acknowledged': {
      const incident = state.incidents.get(event.payload.incidentId);
      if (!incident) return fail('unknown_incident', `no incident with id ${JSON.stringify(event.payload.incidentId)}`);
      if (incident.status !== 'open') return fail('incident_not_open', `the incident is already ${incident.status}`);
      return OK;
    }
    case 'incident.resolved': {
      const incident = state.incidents.get(event.payload.incidentId);
      if (!incident) return fail('unknown_incident', `no incident with id ${JSON.stringify(event.payload.incidentId)}`);
      if (incident.status === 'resolved') return fail('already_resolved', `the incident was resolved at ${incident.resolvedAt}`);
      return OK;
    }
    case 'event.voided':
      return checkVoid(state, event.payload.eventId, ctx);
    case 'donor.listed': {
      const { donorId, agencyId, importId } = event.payload;
      if (!state.donors.has(donorId)) return fail('unknown_donor', `no donor with id ${JSON.stringify(donorId)}`);
      if (agencyId !== WALK_IN_AGENCY_ID && !state.agencies.has(agencyId)) return fail('unknown_agency', `no agency with id ${JSON.stringify(agencyId)}`);
      if (importId !== undefined && !state.imports.has(importId)) return fail('unknown_import', `no list.imported with importId ${JSON.stringify(importId)}: send it before the rows`);
      return OK;
    }
    case 'parade.checkpoint_set':
      return OK;
    case 'parade.checkpoint_removed': {
      const checkpoint = state.paradeCheckpoints.get(event.payload.checkpointId);
      if (!checkpoint) return unknownCheckpoint(event.payload.checkpointId);
      return checkpoint.passedAt ? fail('checkpoint_passed', `the parade passed “${checkpoint.name}” at ${checkpoint.passedAt}: void that passage first`) : OK;
    }
    case 'parade.passed': {
      const checkpoint = state.paradeCheckpoints.get(event.payload.checkpointId);
      if (!checkpoint) return unknownCheckpoint(event.payload.checkpointId);
      if (checkpoint.passedAt)
        return fail('already_passed', `the parade already passed “${checkpoint.name}” at ${checkpoint.passedAt}`, { at: checkpoint.passedAt, eventId: checkpoint.passedEventId });
      return OK;
    }
    case 'parade.escort_set': {
      const { checkpointId } = event.payload;
      return checkpointId !== undefined && !state.paradeCheckpoints.has(checkpointId) ? unknownCheckpoint(checkpointId) : OK;
    }
    case 'parade.escort_removed':
      return state.paradeEscort.has(event.payload.memberId) ? OK : fail('unknown_escort_member', `no one in the escort with id ${JSON.stringify(event.payload.memberId)}`);
    case 'security.post_set':
      return OK;
    case 'security.post_removed': {
      const { postId } = event.payload;
      if (!state.securityPosts.has(postId)) return unknownPost(postId);
      const shifts = [...state.securityShifts.values()].filter((shift) => shift.postId === postId).length;
      return shifts > 0 ? fail('post_in_use', `the post has ${shifts} shift(s): remove them first`) : OK;
    }
    case 'security.shift_set':
      return state.securityPosts.has(event.payload.postId) ? OK : unknownPost(event.payload.postId);
    case 'security.shift_removed':
      return state.securityShifts.has(event.payload.shiftId) ? OK : unknownShift(event.payload.shiftId);
    case 'security.manned': {
      const shift = state.securityShifts.get(event.payload.shiftId);
      if (!shift) return unknownShift(event.payload.shiftId);
      return shift.mannedAt ? fail('already_manned', `this shift was checked in at ${shift.mannedAt}`, { at: shift.mannedAt, eventId: shift.mannedEventId }) : OK;
    }
    case 'ceremony.awards_set': {
      const kept = new Set(event.payload.awards.map((award) => award.awardId));
      const inUse = [...state.honourees.values()].find((honouree) => !honouree.erased && !kept.has(honouree.awardId));
      return inUse ? fail('award_in_use', `the award ${JSON.stringify(inUse.awardId)} is given to honourees on the list: move them to another award first`) : OK;
    }
    case 'ceremony.batch_set':
      return OK;
    case 'ceremony.batch_removed': {
      const { batchId } = event.payload;
      if (!state.ceremonyBatches.has(batchId)) return unknownBatch(batchId);
      const members = [...state.honourees.values()].filter((honouree) => honouree.batchId === batchId && !honouree.erased).length;
      if (members > 0) return fail('batch_not_empty', `the batch has ${members} honouree(s): move them to another batch first`);
      return state.ceremonyOnStage === batchId ? fail('batch_on_stage', 'the batch is on stage: "xong đợt" first') : OK;
    }
    case 'ceremony.honouree_set': {
      const { awardId, batchId, honoureeId } = event.payload;
      if (state.honourees.get(honoureeId)?.erased) return fail('honouree_erased', "this honouree's data was erased: list them again under a new id if they are to be honoured");
      if (!state.ceremonyAwards.some((award) => award.id === awardId)) return fail('unknown_award', `no award with id ${JSON.stringify(awardId)}`);
      return state.ceremonyBatches.has(batchId) ? OK : unknownBatch(batchId);
    }
    case 'ceremony.honouree_erased': {
      const honouree = state.honourees.get(event.payload.honoureeId);
      if (!honouree) return unknownHonouree(event.payload.honoureeId);
      if (honouree.erased) return fail('already_erased', "this honouree's data was already erased");
      return checkErasureReason(event.payload.reason, honouree.name);
    }
    case 'ceremony.dossier_set':
      return honoureeOnList(state, event.payload.honoureeId);
    case 'ceremony.arrived': {
      const found = honoureeOnList(state, event.payload.honoureeId);
      if (!found.ok) return found;
      const { arrivedAt, arrivedEventId } = state.honourees.get(event.payload.honoureeId)!;
      return arrivedAt ? fail('already_arrived', `already checked in at ${arrivedAt}`, { at: arrivedAt, eventId: arrivedEventId }) : OK;
    }
    case 'ceremony.batch_ready':
    case 'ceremony.script_set':
      return state.ceremonyBatches.has(event.payload.batchId) ? OK : unknownBatch(event.payload.batchId);
    case 'ceremony.batch_cued': {
      const batch = state.ceremonyBatches.get(event.payload.batchId);
      if (!batch) return unknownBatch(event.payload.batchId);
      if (state.ceremonyOnStage !== null) {
        const onStage = state.ceremonyBatches.get(state.ceremonyOnStage);
        return fail('batch_on_stage', `“${onStage?.title ?? state.ceremonyOnStage}” is on stage: "xong đợt" first`, { batchId: state.ceremonyOnStage });
      }
      return batch.doneAt ? fail('batch_done', `this batch left the stage at ${batch.doneAt}: void "xong đợt" to bring it back`) : OK;
    }
    case 'ceremony.batch_done':
      if (!state.ceremonyBatches.has(event.payload.batchId)) return unknownBatch(event.payload.batchId);
      return state.ceremonyOnStage === event.payload.batchId ? OK : fail('batch_not_on_stage', 'this batch is not on stage');
    case 'ceremony.script_read': {
      const batch = state.ceremonyBatches.get(event.payload.batchId);
      if (!batch) return unknownBatch(event.payload.batchId);
      return batch.readAt ? fail('already_read', `the script was read at ${batch.readAt}`, { at: batch.readAt, eventId: batch.readEventId }) : OK;
    }
    case 'list.reviewed':
      if (!state.imports.has(event.payload.importId)) return fail('unknown_import', `no list.imported with importId ${JSON.stringify(event.payload.importId)}`);
      // The note stays in the log: a row number and what to fix, never a phone or CCCD number.
      return event.payload.note ? checkErasureReason(event.payload.note, null) : OK;
    case 'agency.headcount_set': {
      const agency = state.agencies.get(event.payload.agencyId);
      if (!agency) return fail('unknown_agency', `no agency with id ${JSON.stringify(event.payload.agencyId)}`);
      return agency.quotaRule?.kind === 'percent_of_headcount'
        ? OK
        : fail('quota_not_by_headcount', `the quota of “${agency.name}” is not a share of its headcount: the organisers set it in the agency's settings`);
    }
    case 'event.mode_set': {
      const current = state.rehearsal ? 'rehearsal' : 'live';
      return event.payload.mode === current ? fail('mode_unchanged', `the event is already ${current === 'rehearsal' ? 'in rehearsal (tập dượt)' : 'live (chính thức)'}`) : OK;
    }
    default:
      return assertNeverEvent(event);
  }
}

/**
 * The reason of an erasure stays in the log for good: it must not hold what it erases (a
 * phone or CCCD number, the person's name). The request's date and reference are what it needs.
 */
export function checkErasureReason(reason: string, fullName: string | null): RuleResult {
  const message = "the reason stays in the log: write the request's date and reference, not the person's name, phone or CCCD number";
  if (/\d{9,}/.test(reason.replace(/[\s.-]/g, ''))) return fail('reason_has_personal_data', message);
  if (fullName && foldForSearch(reason).includes(foldForSearch(fullName))) return fail('reason_has_personal_data', message);
  return OK;
}

/** The fields of a correction that write personal data (the CCCD's last 4 digits come with its hash). */
const PERSONAL_UPDATE_FIELDS = ['fullName', ...PERSONAL_DONOR_FIELDS, 'announceName'] as const;

/**
 * A person already registered under another donorId: the same CCCD (by its keyed hash), or the
 * same name and agency with the same birth year or phone (unless the desk confirmed with
 * allowDuplicateName that it is someone else). The answer names the existing record so the
 * desk shows it instead of creating a second; a list imported again registers nobody twice.
 */
function checkSamePerson(
  state: ProjectionState,
  payload: { fullName: string; agencyId: string; birthYear?: number; phone?: string; nationalIdHash?: string; allowDuplicateName?: boolean },
  donorId: string,
): RuleResult {
  const byNationalId = payload.nationalIdHash ? state.nationalIdIndex.get(payload.nationalIdHash) : undefined;
  if (byNationalId && byNationalId !== donorId) {
    return fail('duplicate_donor', 'a donor with this national id is already registered', { donorId: byNationalId, match: 'nationalId' });
  }
  if (payload.allowDuplicateName) return OK;
  for (const key of identityKeysOf(payload)) {
    const byIdentity = state.identityIndex.get(key);
    if (byIdentity && byIdentity !== donorId) {
      return fail('duplicate_donor', 'a donor with the same name and agency, and the same birth year or phone, is already registered', { donorId: byIdentity, match: 'identity' });
    }
  }
  return OK;
}

/**
 * The MC may announce or skip a milestone that was reached, is not announced, and is true now:
 * never announced while false (withdrawn, or skipped and no longer true).
 */
function checkMilestoneOpen(state: ProjectionState, milestoneId: string): RuleResult {
  const milestone = state.milestones.get(milestoneId);
  if (!milestone) return fail('unknown_milestone', `no milestone reached with id ${JSON.stringify(milestoneId)}`);
  if (milestone.announcedAt) return fail('already_announced', `milestone already announced at ${milestone.announcedAt}`);
  if (milestone.withdrawnAt !== null || !milestoneHolds(state, milestone)) {
    const since = milestone.withdrawnAt ? ` since ${milestone.withdrawnAt}` : '';
    return fail('milestone_withdrawn', `milestone no longer holds${since} (a void or a correction took the figure back below it): it returns to the queue when it holds again`);
  }
  return OK;
}

/**
 * One donation per person per festival: whole blood needs 12 weeks between donations (Thông tư
 * 26/2013/TT-BYT), and a second bag would count the person twice toward the agency's quota. The
 * person is the donor record, and the CCCD: a card already registered cannot be registered
 * again (checkSamePerson), so it leads to the same record. An admin may record a second one
 * with a reason (a physician's decision, say); it stays in the log and counts as one more unit.
 */
function checkOneDonationPerFestival(state: ProjectionState, donor: Donor, overrideReason: string | undefined, ctx: WriteContext): RuleResult {
  if (overrideReason !== undefined && ctx.role !== 'admin') return fail('override_not_allowed', 'only an admin may record a second donation of the same person (secondDonationReason)');
  if (overrideReason !== undefined) return OK;
  for (const [day, record] of donor.days) {
    const outcome = record.outcome;
    if (outcome?.kind !== 'donated') continue;
    return fail(
      'already_donated',
      `this person already donated in this festival, on ${day} at ${outcome.at}: one donation per person (whole blood: 12 weeks apart); an admin may record a second with secondDonationReason`,
      {
        day,
        at: outcome.at,
        by: outcome.by ?? null,
        eventId: outcome.eventId,
      },
    );
  }
  return OK;
}

function checkVoid(state: ProjectionState, eventId: string, ctx: WriteContext): RuleResult {
  const target = state.applied.get(eventId);
  if (!target) return fail('unknown_event', `no recorded event with id ${JSON.stringify(eventId)} that can be voided`);
  if (target.voidedBy) return fail('already_voided', `event already voided by ${target.voidedBy}`);
  if (!isVoidable(target.type)) return fail('not_voidable', `a ${target.type} event cannot be voided`);
  // A rehearsal changes only its own copy of the live world: a live event is voided live.
  if (state.rehearsal && target.seq < state.rehearsal.sinceSeq && isRehearsalScoped(target.type)) {
    return fail('live_event_in_rehearsal', 'the event is in rehearsal (tập dượt): a live event is voided after going live (chính thức)');
  }
  if (ctx.role !== 'admin' && target.actorTokenId !== ctx.tokenId) {
    return fail('not_own_event', 'a device may void only its own events (admin may void any)');
  }
  const donor = target.ref ? state.donors.get(target.ref) : undefined;
  switch (target.type) {
    case 'donor.registered':
      if (donor && donor.days.size > 0) return fail('void_blocked', "void the donor's check-ins first");
      return OK;
    case 'donor.checked_in':
      if (donor?.days.get(target.day ?? '')?.outcome) return fail('void_blocked', 'void the donation or deferral of that day first');
      return OK;
    case 'task.status_set': {
      const task = state.tasks.get(target.ref ?? '');
      return task && taskStatus(task) ? OK : fail('unknown_event', 'the task change is gone');
    }
    case 'ceremony.batch_cued':
      return state.ceremonyBatches.get(target.ref ?? '')?.doneAt ? fail('void_blocked', 'void "xong đợt" of this batch first') : OK;
    case 'ceremony.batch_done':
      return state.ceremonyOnStage !== null ? fail('void_blocked', 'another batch is on stage: "xong đợt" for it first') : OK;
    default:
      return OK;
  }
}

function unknownBatch(batchId: string): RuleResult {
  return fail('unknown_batch', `no ceremony batch with id ${JSON.stringify(batchId)}`);
}

function unknownHonouree(honoureeId: string): RuleResult {
  return fail('unknown_honouree', `no honouree with id ${JSON.stringify(honoureeId)}`);
}

/** An honouree on the list, whose data is kept. */
function honoureeOnList(state: ProjectionState, honoureeId: string): RuleResult {
  const honouree = state.honourees.get(honoureeId);
  if (!honouree) return unknownHonouree(honoureeId);
  return honouree.erased ? fail('honouree_erased', "this honouree's data was erased") : OK;
}

function assertNeverEvent(event: never): never {
  throw new Error(`unhandled event ${JSON.stringify(event)}`);
}
