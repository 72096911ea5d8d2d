import '../../styles/base.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { DeskView } from './DeskView.tsx';

mountLivePage({ page: 'desk', theme: 'light', view: <DeskView /> });
