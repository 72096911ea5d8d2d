/** The admin page's own strings (client/i18n/admin/vi.ts and en.ts), added once at start-up. */
import { addCatalogs } from '../../i18n/index.ts';
import { enAdmin } from '../../i18n/admin/en.ts';
import { viAdmin } from '../../i18n/admin/vi.ts';
import { enWriters } from '../../i18n/writers/en.ts';
import { viWriters } from '../../i18n/writers/vi.ts';

addCatalogs({ vi: viAdmin, en: enAdmin });
// The names of event types and the refusals: the writing pages' (not the wall's).
addCatalogs({ vi: viWriters, en: enWriters });
