import '../../styles/base.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { ConsoleView } from './ConsoleView.tsx';

mountLivePage({ page: 'console', theme: 'light', view: <ConsoleView /> });
