import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { ConsoleView } from './ConsoleView.tsx';
import { registerConsoleServiceWorker, startOfflineCopy } from './offlineCopy.ts';

// The copy of the data kept on the phone is shown until the live data arrives.
startOfflineCopy();
mountLivePage({ page: 'console', theme: 'light', view: <ConsoleView />, device: startDevice });
registerConsoleServiceWorker();
