import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { AdminView } from './AdminView.tsx';

mountLivePage({ page: 'admin', theme: 'light', view: <AdminView />, device: startDevice });
