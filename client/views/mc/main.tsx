import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import './mc.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { McView } from './McView.tsx';

mountLivePage({ page: 'mc', theme: 'dark', view: <McView />, device: startDevice });
