/** The console's own strings (client/i18n/console/vi.ts and en.ts), added once at start-up. */
import { addCatalogs } from '../../i18n/index.ts';
import { enConsole } from '../../i18n/console/en.ts';
import { viConsole } from '../../i18n/console/vi.ts';

addCatalogs({ vi: viConsole, en: enConsole });
