import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import './agency.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { AgencyView } from './AgencyView.tsx';

mountLivePage({ page: 'agency', theme: 'light', view: <AgencyView />, device: startDevice });
