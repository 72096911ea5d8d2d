import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { ConsoleView } from './ConsoleView.tsx';
import { startConsoleOffline } from './offlineCopy.ts';

// The copy of the data kept on the phone is shown until the live data arrives.
startConsoleOffline();
mountLivePage({ page: 'console', theme: 'light', view: <ConsoleView />, device: startDevice });
