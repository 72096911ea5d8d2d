import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import './agency.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { startDevice } from '../../device/start.ts';
import { registerPageWorker, startOfflineCopy } from '../../device/offline.ts';
import { AgencyView } from './AgencyView.tsx';

// A phone reloaded where the signal is gone still opens the page (its service worker) with the
// figures last seen (a copy of the counts: no person in it; the agency's people stay in memory).
startOfflineCopy({ page: 'agency', keep: (projection) => ({ ...projection, applied: new Map() }), storage: 'localStorage', firstSaveMs: 1000, saveEveryMs: 10_000 });
registerPageWorker('agency');
mountLivePage({ page: 'agency', theme: 'light', view: <AgencyView />, device: startDevice });
