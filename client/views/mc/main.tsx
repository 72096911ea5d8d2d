import '../../styles/base.css';
import './mc.css';
import { mountLivePage } from '../../components/mountPage.tsx';
import { McView } from './McView.tsx';

mountLivePage({ page: 'mc', theme: 'dark', view: <McView />, writes: true });
