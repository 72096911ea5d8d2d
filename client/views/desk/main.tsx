import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import { getToken } from '../../auth/token.ts';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { startDeskSync } from './deskSync.ts';
import { DeskView } from './DeskView.tsx';

// The desk writes (check-ins, donations…): it gets the device layer.
mountLivePage({ page: 'desk', theme: 'light', view: <DeskView />, device: startDevice });
startDeskSync(getToken('desk'));
