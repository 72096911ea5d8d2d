/** The console's clock: the shared one (client/lib/useNow.ts). */
export { useNow as useClock } from '../../lib/useNow.ts';
