import '../../styles/base.css';
import '../../i18n/index.ts';
import { mountStaticPage } from '../../components/mountStaticPage.tsx';
import { IndexView } from './IndexView.tsx';

mountStaticPage({ theme: 'light', view: <IndexView /> });
