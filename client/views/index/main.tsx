import '../../styles/base.css';
import { mountStaticPage } from '../../components/mountStaticPage.tsx';
import { IndexView } from './IndexView.tsx';

mountStaticPage({ theme: 'light', view: <IndexView /> });
