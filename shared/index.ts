/** The shared domain: pure, no I/O. Server and client import from here. */
export * from './events.ts';
export * from './roles.ts';
export * from './pages.ts';
export * from './time.ts';
export * from './quota.ts';
export * from './projection.ts';
export * from './rules.ts';
export * from './view.ts';
export * from './privacy.ts';
export * from './transfer.ts';
export * from './protocol.ts';
export * from './format.ts';
export * from './milestones.ts';
export * from './constants.ts';
export * from './door.ts';
export * from './retention.ts';
