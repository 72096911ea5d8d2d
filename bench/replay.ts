/**
 * Replay throughput of the shared projection (issue 15 added the time of action, the milestone
 * review after voids and moves, and the rehearsal world): N donors registered, checked in and
 * donated across five agencies, every 50th donation voided, replayed three times.
 *
 *   node --import tsx bench/replay.ts [N=100000]
 */
import { replay } from '../shared/projection.ts';
import type { RecordedEvent } from '../shared/events.ts';

const N = Number(process.argv[2] ?? 100_000);
const admin = { tokenId: 'a', role: 'admin', label: 'Ban tổ chức' };
const desk = { tokenId: 'd', role: 'desk', label: 'Bàn 1' };
const events: RecordedEvent[] = [];
let seq = 0;
const at = (second: number) => new Date(Date.parse('2024-07-19T00:30:00Z') + second * 1000).toISOString();
const push = (type: string, payload: unknown, actor = desk, second = 0) => {
  seq += 1;
  events.push({ seq, id: `e${seq}`, type, payload, at: at(second), occurredAt: at(second), actor } as RecordedEvent);
};
push('event.configured', { name: 'Ngày hội', venue: 'Xứ Đông', timezone: 'Asia/Ho_Chi_Minh', days: ['2024-07-19', '2024-07-20'], countOn: 'donated' }, admin);
const agencies = ['a1', 'a2', 'a3', 'a4', 'a5'];
for (const id of agencies) push('agency.upserted', { agencyId: id, name: id, quota: { kind: 'count', count: N / 5 } }, admin);
for (let i = 0; i < N; i++) {
  const donorId = `p${i}`;
  push('donor.registered', { donorId, fullName: `Người ${i}`, agencyId: agencies[i % 5] }, desk, i);
  push('donor.checked_in', { donorId }, desk, i);
  push('donor.donated', { donorId, volumeMl: 350 }, desk, i);
  if (i % 50 === 49) push('event.voided', { eventId: `e${seq}`, reason: 'nhập nhầm' }, desk, i);
}
for (let run = 1; run <= 3; run++) {
  const started = performance.now();
  const state = replay(events);
  const ms = performance.now() - started;
  console.log(
    `run ${run}: ${events.length} events in ${ms.toFixed(0)} ms = ${Math.round((events.length / ms) * 1000)} events/s (donated ${state.totals.donated}, milestones ${state.milestones.size})`,
  );
}
