/**
 * The agency's people as its liaison follows them: each with what came of them (the results
 * workbook's words, PERSON_RESULT_NAMES), filtered by result with each filter's count, searched
 * by name with or without accents, and a "Gọi" (tel:) link for those not checked in yet — the
 * only ones whose phone the server sends. Long lists show 100 at a time.
 */
import { useMemo, useState } from 'react';
import { PERSON_RESULT_NAMES, type LiaisonPerson, type PersonResult } from '../../../shared/agencyResults.ts';
import { foldForSearch } from '../../../shared/format.ts';
import { Bi, BiPair, useBi } from '../../i18n/bilingual.tsx';
import type { PeopleState } from './agencyApi.ts';

type Filter = 'all' | PersonResult;
const FILTERS: Filter[] = ['all', 'not_come', 'checked_in', 'donated', 'deferred'];
const PAGE = 100;

export function PeopleList({ people }: { people: PeopleState }) {
  const bi = useBi();
  const [filter, setFilter] = useState<Filter>('all');
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const all = people.view?.people;

  const counts = useMemo(() => {
    const byResult: Record<Filter, number> = { all: 0, not_come: 0, checked_in: 0, donated: 0, deferred: 0 };
    for (const person of all ?? []) {
      byResult.all += 1;
      byResult[person.result] += 1;
    }
    return byResult;
  }, [all]);
  const matching = useMemo(() => {
    const q = foldForSearch(query.trim());
    return (all ?? []).filter((p) => (filter === 'all' || p.result === filter) && (!q || foldForSearch(p.name).includes(q)));
  }, [all, filter, query]);

  return (
    <section className="card agency__people" data-testid="agency-people">
      <h2 className="agency__section">
        <Bi k="agency.people" />
      </h2>
      {people.failed ? (
        <p className="agency__warn" role="status" data-testid="agency-people-stale">
          {people.loadedAt ? <Bi k="agency.peopleStale" v={(fmt) => ({ time: fmt.time(people.loadedAt!) })} /> : <Bi k="agency.peopleUnavailable" />}
        </p>
      ) : null}
      <div className="agency__filters" role="group">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`chip${filter === f ? ' chip--on' : ''}`}
            aria-pressed={filter === f}
            data-testid={`agency-filter-${f}`}
            data-count={counts[f]}
            onClick={() => {
              setFilter(f);
              setShown(PAGE);
            }}
          >
            {bi.t(`agency.filter.${f}`)} <strong>{bi.fmt.number(counts[f])}</strong>
          </button>
        ))}
      </div>
      <input
        className="input agency__search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={bi.t('agency.search')}
        aria-label={bi.t('agency.search')}
        data-testid="agency-search"
      />
      {all && matching.length === 0 ? (
        <p className="agency__muted">
          <Bi k="agency.none" />
        </p>
      ) : null}
      <ul className="agency__list">
        {matching.slice(0, shown).map((person) => (
          <Person key={person.donorId} person={person} />
        ))}
      </ul>
      {matching.length > shown ? (
        <button type="button" className="btn btn--quiet" onClick={() => setShown((n) => n + PAGE)}>
          {bi.t('agency.more', { n: bi.fmt.number(Math.min(PAGE, matching.length - shown)) })}
        </button>
      ) : null}
      {people.view && people.view.erased > 0 ? (
        <p className="agency__muted">
          <Bi k="agency.erased" v={(fmt) => ({ n: fmt.number(people.view!.erased) })} />
        </p>
      ) : null}
    </section>
  );
}

function Person({ person }: { person: LiaisonPerson }) {
  const bi = useBi();
  const about = [person.birthYear ? String(person.birthYear) : '', person.workplace].filter(Boolean).join(' · ');
  const when = person.result === 'donated' && person.volumeMl ? `${bi.fmt.number(person.volumeMl)} ml` : person.checkedInAt ? bi.fmt.time(person.checkedInAt) : '';
  return (
    <li className={`agency__person agency__person--${person.result}`} data-testid="agency-person" data-donor={person.donorId} data-result={person.result}>
      <div className="agency__who">
        <span className="agency__pname">{person.name}</span>
        {about ? <span className="agency__about">{about}</span> : null}
      </div>
      <div className="agency__state">
        <span className={`badge badge--${person.result}`}>
          <BiPair pair={PERSON_RESULT_NAMES[person.result]} />
        </span>
        {when ? <span className="agency__when">{when}</span> : null}
      </div>
      {person.phone ? (
        <a className="btn btn--small agency__call" href={`tel:${person.phone.replace(/[^\d+]/g, '')}`} data-testid="agency-call">
          {bi.t('agency.call')} <span className="agency__phone">{person.phone}</span>
        </a>
      ) : null}
    </li>
  );
}
