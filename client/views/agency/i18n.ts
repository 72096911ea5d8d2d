/** The agency liaison's page strings (client/i18n/agency/), added once at start-up, with the writers' (event names, refusals). */
import { addCatalogs } from '../../i18n/index.ts';
import { enAgency } from '../../i18n/agency/en.ts';
import { viAgency } from '../../i18n/agency/vi.ts';
import { enWriters } from '../../i18n/writers/en.ts';
import { viWriters } from '../../i18n/writers/vi.ts';

addCatalogs({ vi: viAgency, en: enAgency });
addCatalogs({ vi: viWriters, en: enWriters });
