/** The MC page's own strings (client/i18n/mc/vi.ts and en.ts), added once at start-up. */
import { addCatalogs } from '../../i18n/index.ts';
import { enMc } from '../../i18n/mc/en.ts';
import { viMc } from '../../i18n/mc/vi.ts';

addCatalogs({ vi: viMc, en: enMc });
