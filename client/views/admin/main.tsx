import '../../styles/base.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { AdminView } from './AdminView.tsx';

mountLivePage({ page: 'admin', theme: 'light', view: <AdminView /> });
