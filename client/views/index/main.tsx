import '../../styles/base.css';
import { addCatalogs } from '../../i18n/index.ts';
import { enHome } from '../../i18n/home/en.ts';
import { viHome } from '../../i18n/home/vi.ts';
import { mountStaticPage } from '../../components/mountStaticPage.tsx';
import { IndexView } from './IndexView.tsx';

addCatalogs({ vi: viHome, en: enHome });
mountStaticPage({ theme: 'light', view: <IndexView /> });
