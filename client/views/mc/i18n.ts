/** The MC page's own strings (client/i18n/mc/vi.ts and en.ts), added once at start-up. */
import { addCatalogs } from '../../i18n/index.ts';
import { enMc } from '../../i18n/mc/en.ts';
import { viMc } from '../../i18n/mc/vi.ts';
import { enWriters } from '../../i18n/writers/en.ts';
import { viWriters } from '../../i18n/writers/vi.ts';

addCatalogs({ vi: viMc, en: enMc });
// The names of event types and the refusals: the writing pages' (not the wall's).
addCatalogs({ vi: viWriters, en: enWriters });
