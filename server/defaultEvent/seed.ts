/**
 * Loads the default event (Hải Dương XII) into an empty store, as ordinary events in the log
 * (event.configured, agency.upserted, task.defined, the parade's route and escort, the security
 * posts and shifts, the ceremony's awards and batches), so it is edited and replayed like
 * everything else. Every item passes the same schema as an API request.
 */
import { z } from 'zod';
import {
  AgencyUpserted,
  CeremonyAwardsSet,
  CeremonyBatchSet,
  EventConfigured,
  ParadeCheckpointSet,
  ParadeEscortSet,
  SecurityPostSet,
  SecurityShiftSet,
  TaskDefined,
  describeZodError,
  type NewEvent,
} from '../../shared/index.ts';
// Imported (not read from disk) so the compiled server carries it: dist/server has no data files.
import haiDuongXii from './hai-duong-xii.json' with { type: 'json' };

const DefaultEvent = z.object({
  event: EventConfigured,
  agencies: z.array(AgencyUpserted),
  tasks: z.array(TaskDefined),
  /** (issue 17) The parade of 18/7: its route (placeholders the plan leaves to the police) and its escort. */
  parade: z.object({ checkpoints: z.array(ParadeCheckpointSet), escort: z.array(ParadeEscortSet) }),
  /** (issue 17) Security at the venue on the festival days: posts and their shifts. */
  security: z.object({ posts: z.array(SecurityPostSet), shifts: z.array(SecurityShiftSet) }),
  /** (issue 17) The honouring ceremony: its awards and its batches (the honourees come from the dossiers' list). */
  ceremony: z.object({ awards: CeremonyAwardsSet.shape.awards, batches: z.array(CeremonyBatchSet) }),
});

/** The default event as the events that set it up, with stable ids (a re-run is a no-op). */
export function defaultEventEvents(definition: unknown = haiDuongXii): NewEvent[] {
  const parsed = DefaultEvent.safeParse(definition);
  if (!parsed.success) throw new Error(`default event file is invalid: ${describeZodError(parsed.error)}`);
  const { event, agencies, tasks, parade, security, ceremony } = parsed.data;
  return [
    { id: 'seed:event', type: 'event.configured', payload: event },
    ...agencies.map((payload): NewEvent => ({ id: `seed:agency:${payload.agencyId}`, type: 'agency.upserted', payload })),
    ...tasks.map((payload): NewEvent => ({ id: `seed:task:${payload.taskId}`, type: 'task.defined', payload })),
    ...parade.checkpoints.map((payload): NewEvent => ({ id: `seed:parade:${payload.checkpointId}`, type: 'parade.checkpoint_set', payload })),
    ...parade.escort.map((payload): NewEvent => ({ id: `seed:escort:${payload.memberId}`, type: 'parade.escort_set', payload })),
    ...security.posts.map((payload): NewEvent => ({ id: `seed:post:${payload.postId}`, type: 'security.post_set', payload })),
    ...security.shifts.map((payload): NewEvent => ({ id: `seed:shift:${payload.shiftId}`, type: 'security.shift_set', payload })),
    { id: 'seed:ceremony:awards', type: 'ceremony.awards_set', payload: { awards: ceremony.awards } },
    ...ceremony.batches.map((payload): NewEvent => ({ id: `seed:batch:${payload.batchId}`, type: 'ceremony.batch_set', payload })),
  ];
}
