/**
 * The agency's lists and results: the lists it sent, each with the standing office's answer
 * (accepted, or returned with the office's note, which is for this agency); "Gửi danh sách đơn
 * vị", the desk's import (checks, preview, the same rules) for this one agency, loaded only when
 * opened; and its results as XLSX, the same file the office sends back.
 */
import { lazy, Suspense, useState } from 'react';
import { Bi, useBi } from '../../i18n/bilingual.tsx';
import { errorText } from '../../i18n/errors.ts';
import type { ApiError } from '../../lib/http.ts';
import { agencyApi, type PeopleState } from './agencyApi.ts';

const ListUpload = lazy(() => import('./ListUpload.tsx'));

export function ListsPanel(props: { agencyId: string; agencyName: string; agencyNameEn: string | null; people: PeopleState }) {
  const bi = useBi();
  const [uploading, setUploading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const lists = props.people.view?.lists ?? [];

  const download = async () => {
    setProblem(null);
    try {
      await agencyApi.downloadFile(`/api/reports/agencies/${encodeURIComponent(props.agencyId)}/results.xlsx`, `ket-qua-${props.agencyId}.xlsx`);
    } catch (err) {
      const e = err as ApiError;
      setProblem(bi.t('agency.resultsFailed', { why: errorText(e.code, e.message) }));
    }
  };

  return (
    <section className="card agency__lists" data-testid="agency-lists">
      <h2 className="agency__section">
        <Bi k="agency.lists" />
      </h2>
      {props.people.view && lists.length === 0 ? (
        <p className="agency__muted">
          <Bi k="agency.noLists" />
        </p>
      ) : null}
      <ul className="agency__sent">
        {lists.map((list) => (
          <li key={list.importId} data-testid="agency-list" data-review={list.review?.decision ?? 'waiting'}>
            <span>{bi.t('agency.listLine', { file: list.fileName, rows: bi.fmt.number(list.rows), time: `${bi.fmt.time(list.at)} ${bi.fmt.date(list.at)}` })}</span>
            <span className={`badge badge--${list.review?.decision ?? 'waiting'}`}>
              <Bi k={`agency.review.${list.review?.decision ?? 'waiting'}`} />
            </span>
            {list.review?.note ? (
              <p className="agency__note" data-testid="agency-list-note">
                {list.review.note}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {uploading ? (
        <Suspense fallback={<p className="agency__muted">{bi.t('agency.loading')}</p>}>
          <ListUpload
            agency={{ id: props.agencyId, name: props.agencyName, ...(props.agencyNameEn ? { nameEn: props.agencyNameEn } : {}) }}
            people={props.people}
            onClose={() => setUploading(false)}
          />
        </Suspense>
      ) : (
        <div className="agency__actions">
          <button type="button" className="btn btn--primary" onClick={() => setUploading(true)} data-testid="agency-upload">
            {bi.t('agency.upload')}
          </button>
          <button type="button" className="btn" onClick={() => void download()} data-testid="agency-results">
            {bi.t('agency.results')}
          </button>
        </div>
      )}
      {uploading ? null : <p className="agency__muted">{bi.t('agency.uploadHelp')}</p>}
      {problem ? (
        <p className="agency__warn" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
