/**
 * Small form pieces shared by the panels: a labelled field, a panel frame, the outcome of an
 * irreversible action, which item is being edited and the button that adds one, an add-or-edit form.
 */
import { useId, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/index.ts';

export function Field(props: { label: string; hint?: ReactNode; children: (id: string) => ReactNode; wide?: boolean; className?: string }) {
  const id = useId();
  return (
    <div className={`adm-field ${props.wide ? 'adm-field--wide' : ''} ${props.className ?? ''}`}>
      <label className="adm-field__label" htmlFor={id}>
        {props.label}
      </label>
      {props.children(id)}
      {props.hint ? <div className="adm-field__hint">{props.hint}</div> : null}
    </div>
  );
}

/** A titled panel; `danger` for what cannot be undone (a red frame). */
export function Panel(props: { title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string; danger?: boolean }) {
  return (
    <section className={`adm-panel ${props.danger ? 'adm-panel--danger' : ''}`} data-testid={props.testId}>
      <header className="adm-panel__head">
        <div>
          <h2 className="adm-panel__title">{props.title}</h2>
          {props.intro ? <p className="adm-panel__intro">{props.intro}</p> : null}
        </div>
        {props.actions ? <div className="adm-panel__actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </section>
  );
}

/** What came of an action that cannot be undone, kept in view (a notice closes by itself). */
export interface Outcome {
  kind: 'ok' | 'error';
  text: string;
}

export function OutcomeLine({ outcome, testId }: { outcome: Outcome | null; testId: string }) {
  if (!outcome) return null;
  return (
    <p className={`adm-outcome adm-outcome--${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'} data-testid={testId} data-kind={outcome.kind}>
      {outcome.text}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="adm-empty">{children}</p>;
}

/**
 * Which item of a setup list is open for editing: none, a new one ('new'), or one by id, and
 * that item as it is now in the projection (null when new or gone).
 */
export function useEditing<T>(items: ReadonlyMap<string, T> | undefined) {
  const [editing, edit] = useState<string | 'new' | null>(null);
  const edited = editing && editing !== 'new' ? (items?.get(editing) ?? null) : null;
  return { editing, edited, edit, done: () => edit(null) };
}

/** The panel's "+ add" button: opens an empty form (disabled while one is open). */
export function AddButton(props: { label: string; editing: string | null; onAdd: () => void; testId?: string }) {
  return (
    <button type="button" className="adm-btn adm-btn--primary" onClick={props.onAdd} disabled={props.editing === 'new'} data-testid={props.testId}>
      + {props.label}
    </button>
  );
}

/**
 * The add-or-edit card of a setup panel: its title, the fields in a grid, then the problem
 * (shown once the person has typed something), cancel, and save.
 */
export function EditForm(props: {
  testId: string;
  title: string;
  editing: boolean;
  addLabel: string;
  problem: string | null;
  showProblem: boolean;
  busy: boolean;
  onSave: () => void;
  onCancel: () => void;
  saveTestId?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <form
      className="adm-form adm-card"
      data-testid={props.testId}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave();
      }}
    >
      <h3 className="adm-card__title">{props.title}</h3>
      <div className="adm-grid">{props.children}</div>
      <div className="adm-savebar">
        {props.problem && props.showProblem ? <span className="adm-warn">{props.problem}</span> : null}
        <button type="button" className="adm-btn adm-btn--ghost" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="adm-btn adm-btn--primary" disabled={props.busy || props.problem !== null} data-testid={props.saveTestId}>
          {props.editing ? t('common.saveChanges') : props.addLabel}
        </button>
      </div>
    </form>
  );
}
