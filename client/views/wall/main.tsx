import '../../styles/base.css';
import '../../i18n/index.ts';
import './i18n.ts';
import { mountLivePage } from '../../components/mountPage.tsx';
import { applyTheme } from '../../lib/theme.ts';
import { wallOptions } from '../../lib/wallOptions.ts';
import { WallView } from './WallView.tsx';

const options = wallOptions();
// mountLivePage applies the theme too; read it here so the hearts know their palette.
const theme = applyTheme('dark');
mountLivePage({ page: 'wall', theme: 'dark', view: <WallView options={options} theme={theme} /> });
