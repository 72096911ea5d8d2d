/** The console's own strings (client/i18n/console/vi.ts and en.ts), added once at start-up. */
import { addCatalogs } from '../../i18n/index.ts';
import { enConsole } from '../../i18n/console/en.ts';
import { viConsole } from '../../i18n/console/vi.ts';
import { enWriters } from '../../i18n/writers/en.ts';
import { viWriters } from '../../i18n/writers/vi.ts';

addCatalogs({ vi: viConsole, en: enConsole });
// The names of event types and the refusals: the writing pages' (not the wall's).
addCatalogs({ vi: viWriters, en: enWriters });
