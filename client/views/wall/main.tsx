import '../../styles/base.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { WallView } from './WallView.tsx';

mountLivePage({ page: 'wall', theme: 'dark', view: <WallView /> });
