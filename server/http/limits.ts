/**
 * The default limits on connections (issue 16), each set by its environment variable
 * (config.ts). API.md v1.1: the defaults admit at least 1.000 sockets from one address and 100
 * for one token, so a venue behind one NAT and a load test from one machine are not refused.
 */

/** Open TCP connections one address may hold: HTTP requests and live sockets alike. */
export const MAX_CONNECTIONS_PER_ADDRESS = 3000;
/** Open live sockets one token may hold (a device: its pages, reloads, tabs; a load test: many). */
export const MAX_SOCKETS_PER_TOKEN = 200;
/** Open live sockets one address may hold. */
export const MAX_SOCKETS_PER_ADDRESS = 1500;
/** How long an enrolment code can be used (once): time to hand a tablet its link, not a day. */
export const ENROLMENT_CODE_MINUTES = 30;
/** (issue 19) GET /api/public requests from every address together in a minute (4.000 a second): a flood beyond costs 429s, not the desks' event loop. */
export const PUBLIC_REQUESTS_TOTAL_PER_MINUTE = 240_000;
/** (issue 19) Public counter (/live) sockets the server holds in all: past it a viewer falls back to reading GET /api/public. */
export const PUBLIC_MAX_SOCKETS = 10_000;
/** (issue 19) GET /api/public requests one address may make in a minute (a hall of phones behind one NAT, each every 3 s). */
export const PUBLIC_REQUESTS_PER_MINUTE = 12_000;
/** Live-socket handshakes one address may make in a minute: all at once, then 50 a second. */
export const SOCKET_HANDSHAKES_PER_MINUTE = 3000;
