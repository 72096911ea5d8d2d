/**
 * The vi/en switch: two buttons, the current language pressed. Stable test hooks:
 * `data-testid="lang-switch"` with `data-lang="vi|en"` (the current one), and each button
 * `data-testid="lang-vi"` / `data-testid="lang-en"`.
 */
import { LANGS, setLang, useLang, useT } from './core.ts';
import './i18n.css';

const SHORT: Record<string, string> = { vi: 'VI', en: 'EN' };

export function LanguageSwitch({ className = '' }: { className?: string }) {
  const lang = useLang();
  const t = useT();
  return (
    <div className={`lang-switch ${className}`} role="group" aria-label={t('lang.label')} data-testid="lang-switch" data-lang={lang}>
      {LANGS.map((code) => (
        <button key={code} type="button" className="lang-switch__btn" aria-pressed={code === lang} lang={code} title={t(`lang.${code}`)} data-testid={`lang-${code}`} onClick={() => setLang(code)}>
          {SHORT[code]}
        </button>
      ))}
    </div>
  );
}
