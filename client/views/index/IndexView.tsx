/** `/`: the pages of the dashboard, one line each, in Vietnamese or English (switch at the top right). No token needed here. */
import { Heart } from '../../components/Heart.tsx';
import { LanguageSwitch, useT } from '../../i18n/index.ts';
import './index.css';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

const PAGES = ['live', 'wall', 'desk', 'console', 'mc', 'admin', 'agency'] as const;

export function IndexView() {
  const t = useT();
  useDocumentTitle(t('common.appName'));
  return (
    <main className="home">
      <header className="home__header">
        <Heart className="home__heart" />
        <div className="home__titles">
          <h1 className="home__title">{t('common.appName')}</h1>
          <p className="home__subtitle">{t('index.subtitle')}</p>
        </div>
        <LanguageSwitch className="home__lang" />
      </header>
      <ul className="home__list">
        {PAGES.map((page) => (
          <li key={page} className="home__item" data-testid={`home-${page}`}>
            <a href={`/${page}`} className="home__link">
              <span className="home__name">{t(`pages.${page}.name`)}</span>
              <code className="home__path">/{page}</code>
            </a>
            <p className="home__desc">{t(`pages.${page}.desc`)}</p>
          </li>
        ))}
      </ul>
      <p className="home__note">{t('index.enrolNote')}</p>
    </main>
  );
}
