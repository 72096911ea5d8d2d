/** The wall's own strings (client/i18n/wall/vi.ts and en.ts), added once at start-up. */
import { addCatalogs } from '../../i18n/index.ts';
import { enWall } from '../../i18n/wall/en.ts';
import { viWall } from '../../i18n/wall/vi.ts';

addCatalogs({ vi: viWall, en: enWall });
