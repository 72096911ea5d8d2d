/**
 * The parts every printed form shares (the agency report, the ceremony's results): the toolbar
 * (print, back, whether the figures are live, the language), the head in the form of a
 * Vietnamese administrative document (the issuing body; the national name and motto with the
 * place and date line), and the signatures.
 */
import { useEffect } from 'react';
import { REPORT_FORM, reportDateLine } from '../../../shared/report.ts';
import { LanguageSwitch, useFormat, useLang, useT } from '../../i18n/index.ts';
import { useIsLive } from '../../stores/liveStore.ts';

/** A print view: its document title, and the page styled for paper. */
export function usePrintPage(title: string): void {
  useEffect(() => {
    document.title = title;
    document.documentElement.classList.add('adm-print-page');
    return () => document.documentElement.classList.remove('adm-print-page');
  }, [title]);
}

export function PrintToolbar({ back }: { back: string }) {
  const t = useT();
  const live = useIsLive();
  return (
    <div className="adm-print__toolbar">
      <button type="button" className="adm-btn adm-btn--primary" onClick={() => window.print()} data-testid="print-button">
        {t('print.print')}
      </button>
      <a className="adm-btn" href={back}>
        {t('print.back')}
      </a>
      <span className={live ? 'adm-sub' : 'adm-warn'}>{live ? t('print.live') : t('print.notLive')}</span>
      <LanguageSwitch />
    </div>
  );
}

export function PrintHead({ now }: { now: number }) {
  const fmt = useFormat();
  const lang = useLang();
  return (
    <header className="adm-print__head">
      <div className="adm-print__org" data-testid="print-authority">
        <div>{REPORT_FORM.authority[lang]}</div>
        <div className="adm-print__rule" />
      </div>
      <div className="adm-print__nation">
        <div className="adm-strong">{REPORT_FORM.nation[lang]}</div>
        <div className="adm-strong">{REPORT_FORM.motto[lang]}</div>
        <div className="adm-print__rule" />
        <div className="adm-print__date" data-testid="print-date">
          {reportDateLine(now, fmt.timeZone, lang)}
        </div>
      </div>
    </header>
  );
}

export function PrintSigns() {
  const lang = useLang();
  return (
    <div className="adm-print__signs" data-testid="print-signs">
      <div>
        <div className="adm-strong">{REPORT_FORM.preparedBy[lang]}</div>
        <div className="adm-sub">{REPORT_FORM.signHint[lang]}</div>
      </div>
      <div>
        <div className="adm-strong">{REPORT_FORM.approvedBy[lang]}</div>
        <div className="adm-sub">{REPORT_FORM.signHint[lang]}</div>
      </div>
    </div>
  );
}
