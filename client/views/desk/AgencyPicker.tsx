/**
 * Choose an agency by typing part of its name (diacritics ignored); the first line is always
 * "Tự do" (`walk-in`) for a donor who belongs to none. ↑/↓ and Enter choose.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { foldForSearch } from '../../../shared/format.ts';
import { useLang, useT } from '../../i18n/index.ts';
import { agencyName, namesIn } from './deskText.ts';
import { tIn } from './i18n.ts';
import { Named } from './Text.tsx';

export interface AgencyOption {
  id: string;
  name: string;
  nameEn?: string;
}

export function AgencyPicker(props: { agencies: readonly AgencyOption[]; value: string; onChange: (agencyId: string) => void; error?: string | undefined; inputId?: string }) {
  const lang = useLang();
  const t = useT();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [highlight, setHighlight] = useState(0);
  const options = useMemo(() => {
    // "Tự do" is found by its name in either language, whichever the screen shows.
    const walkIn: AgencyOption = { id: 'walk-in', name: tIn('vi')('desk.agency.walkIn'), nameEn: tIn('en')('desk.agency.walkInShort') };
    const all: AgencyOption[] = [walkIn, ...[...props.agencies].sort((a, b) => a.name.localeCompare(b.name, 'vi'))];
    const q = foldForSearch(text);
    return q ? all.filter((a) => foldForSearch(`${a.name} ${a.nameEn ?? ''} ${a.id}`).includes(q)) : all;
  }, [props.agencies, text]);
  const selected = props.value ? namesIn(agencyName(new Map(props.agencies.map((a) => [a.id, a])), props.value), lang).main : null;

  const choose = (option: AgencyOption) => {
    props.onChange(option.id);
    setText('');
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setHighlight((h) => Math.min(h + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((h) => Math.max(h - 1, 0));
    } else if (event.key === 'Enter' && open && options[highlight]) {
      event.preventDefault();
      choose(options[highlight]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="picker">
      <input
        id={props.inputId}
        className={`input ${props.error ? 'is-invalid' : ''}`}
        data-testid="agency-input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-invalid={props.error ? true : undefined}
        autoComplete="off"
        placeholder={selected ?? t('desk.agency.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setHighlight(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      {selected ? (
        <div className="picker__chosen" data-testid="agency-chosen">
          ✓ {selected}
        </div>
      ) : null}
      {open ? (
        <ul className="picker__list" id={listId} role="listbox">
          {options.map((option, i) => (
            <li
              key={option.id}
              role="option"
              aria-selected={option.id === props.value}
              className={`picker__option ${i === highlight ? 'is-highlighted' : ''} ${option.id === 'walk-in' ? 'picker__option--walkin' : ''}`}
              data-testid="agency-option"
              data-agency-id={option.id}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(option);
              }}
            >
              <Named text={{ vi: option.name, en: option.nameEn ?? '' }} />
            </li>
          ))}
          {options.length === 0 ? <li className="picker__none">{t('desk.agency.none')}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
