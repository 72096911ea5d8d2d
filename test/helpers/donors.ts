/**
 * Donors for the tests and the wall bench: the events of each donor's path (register → check in
 * → donate, or deferred, or stopping on the way), sent as the desks send them — one POST each, or
 * through the batch endpoint, 500 events a request.
 */
import { api, newId, post, type ApiAnswer } from './server.ts';

export interface DonorSpec {
  donorId: string;
  fullName: string;
  agencyId: string;
  /** Any other registration field (phone, bloodType, consent, …). */
  details?: Record<string, unknown>;
  /** How far the donor goes (default: donated). */
  outcome?: 'registered' | 'checkedIn' | 'donated' | 'deferred';
  /** The donation's volume (default 350 ml). */
  volumeMl?: number;
  /** A deferral's reason (default "Huyết sắc tố thấp"). */
  reason?: string;
}

export interface BatchEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

/** `count` donors `${prefix}-0`, `${prefix}-1`, … of one agency, named `Người hiến ${prefix} ${i}`. */
export function numberedDonors(count: number, agencyId: string, prefix: string): DonorSpec[] {
  return Array.from({ length: count }, (_, i) => ({ donorId: `${prefix}-${i}`, fullName: `Người hiến ${prefix} ${i}`, agencyId }));
}

/** Each donor's events in order, each with a new id (`idPrefix` first). */
export function donorEvents(donors: DonorSpec[], idPrefix = 'evt'): BatchEvent[] {
  const events: BatchEvent[] = [];
  for (const donor of donors) {
    const { donorId, outcome = 'donated' } = donor;
    events.push({ id: newId(idPrefix), type: 'donor.registered', payload: { donorId, fullName: donor.fullName, agencyId: donor.agencyId, ...donor.details } });
    if (outcome === 'registered') continue;
    events.push({ id: newId(idPrefix), type: 'donor.checked_in', payload: { donorId } });
    if (outcome === 'donated') events.push({ id: newId(idPrefix), type: 'donor.donated', payload: { donorId, volumeMl: donor.volumeMl ?? 350 } });
    if (outcome === 'deferred') events.push({ id: newId(idPrefix), type: 'donor.deferred', payload: { donorId, reason: donor.reason ?? 'Huyết sắc tố thấp' } });
  }
  return events;
}

/**
 * Sends events through POST /api/events/batch, 500 a request (an event without an id gets a new
 * one). Past the write limit (429) it waits as told and sends the same ids again. Throws unless
 * every event is recorded anew; returns their seqs.
 */
export async function sendBatch(url: string, token: string, events: { id?: string; type: string; payload: unknown }[]): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500).map((e) => ({ id: e.id ?? newId('seed'), type: e.type, payload: e.payload }));
    let answer = await api(url, 'POST', '/api/events/batch', { token, body: { events: chunk } });
    for (let attempt = 0; answer.status === 429 && attempt < 30; attempt++) {
      const wait = Number(answer.headers.get('retry-after')) || 1;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      answer = await api(url, 'POST', '/api/events/batch', { token, body: { events: chunk } });
    }
    if (answer.status !== 200) throw new Error(`batch: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
    const results = answer.body.results as { seq?: number; duplicate?: true; error?: unknown }[];
    const failed = results.findIndex((r) => typeof r.seq !== 'number' || r.duplicate);
    if (failed >= 0) throw new Error(`batch event ${chunk[failed]!.type} ${chunk[failed]!.id} not recorded: ${JSON.stringify(results[failed])}`);
    seqs.push(...results.map((r) => r.seq!));
  }
  return seqs;
}

/** Registers, checks in and records a donation for `count` new donors (numberedDonors) in batches; returns the seqs. */
export function recordDonations(server: { url: string }, token: string, count: number, agencyId: string, prefix: string): Promise<number[]> {
  return sendBatch(server.url, token, donorEvents(numberedDonors(count, agencyId, prefix), prefix));
}

/**
 * One donor registered, checked in and donated, one POST /api/events each (as a desk sends them).
 * Throws unless each is recorded; returns each event with its answer.
 */
export async function donateOne(server: { url: string }, token: string, donor: Omit<DonorSpec, 'outcome'>): Promise<{ event: BatchEvent; answer: ApiAnswer }[]> {
  const sent: { event: BatchEvent; answer: ApiAnswer }[] = [];
  for (const event of donorEvents([donor])) {
    const answer = await post(server, token, event.type, event.payload, event.id);
    if (answer.status !== 201) throw new Error(`${event.type} ${donor.donorId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    sent.push({ event, answer });
  }
  return sent;
}
