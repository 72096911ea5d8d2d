/**
 * Long writes (issue 20): an import or an outbox flushed is committed a slice of the event loop
 * at a time, each slice its own transaction, so a desk's check-in sent meanwhile waits for one
 * slice, not for the whole import; the long write is still recorded whole and in its order.
 */
import { expect, it } from 'vitest';
import { parseSubmittedEvent, type SubmittedEvent } from '../../shared/index.ts';
import { SYSTEM_PRINCIPAL } from '../../server/auth/tokenStore.ts';
import { newId, startTestServer } from '../helpers/server.ts';

function registration(donorId: string): SubmittedEvent {
  const parsed = parseSubmittedEvent({ id: newId('lw'), type: 'donor.registered', payload: { donorId, fullName: `Người ${donorId}`, agencyId: 'walk-in' } });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.event;
}

it('a long write goes a slice at a time: a short write sent meanwhile is committed before its rest, and it is recorded whole, in order', async () => {
  const server = await startTestServer();
  try {
    let groups = 0;
    server.service.on('recorded', () => (groups += 1));
    const events = Array.from({ length: 3000 }, (_, i) => registration(`long-${i}`));
    const long = server.service.submitMany(events, SYSTEM_PRINCIPAL);
    const short = server.service.submit(registration('short-1'), SYSTEM_PRINCIPAL);
    const [longOutcomes, shortOutcome] = await Promise.all([long, short]);

    const seqs = longOutcomes.map((outcome) => (outcome.status === 201 ? outcome.seq : NaN));
    expect(longOutcomes.every((outcome) => outcome.status === 201)).toBe(true);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(shortOutcome.status).toBe(201);
    // Not behind the whole import: in the first group, with its first slice.
    expect((shortOutcome as { seq: number }).seq).toBeLessThan(seqs.at(-1)!);
    expect(groups).toBeGreaterThan(1);
    expect(server.service.state.donors.size).toBe(3001);
  } finally {
    await server.close();
  }
});

it('closing finishes the long writes under way: every event answered is recorded', async () => {
  const server = await startTestServer();
  const events = Array.from({ length: 2000 }, (_, i) => registration(`close-${i}`));
  const long = server.service.submitMany(events, SYSTEM_PRINCIPAL);
  const restarted = await server.restart();
  try {
    const outcomes = await long;
    expect(outcomes.every((outcome) => outcome.status === 201)).toBe(true);
    expect(restarted.service.state.donors.size).toBe(2000);
  } finally {
    await restarted.close();
  }
});
