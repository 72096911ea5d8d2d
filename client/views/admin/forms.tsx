/** Small form pieces shared by the setup panels: a labelled field, a panel frame, a save bar. */
import { useId, type ReactNode } from 'react';

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

export function Panel(props: { title: string; intro?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="adm-panel" data-testid={props.testId}>
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

export function Empty({ children }: { children: ReactNode }) {
  return <p className="adm-empty">{children}</p>;
}

/**
 * The cancel / save bar of an add-or-edit form in a panel: the problem (shown once the person
 * has typed something), cancel, and the submit button.
 */
export function EditFormBar(props: {
  problem: string | null;
  showProblem: boolean;
  busy: boolean;
  onCancel: () => void;
  cancelLabel: string;
  saveLabel: string;
  testId?: string;
}) {
  return (
    <div className="adm-savebar">
      {props.problem && props.showProblem ? <span className="adm-warn">{props.problem}</span> : null}
      <button type="button" className="adm-btn adm-btn--ghost" onClick={props.onCancel}>
        {props.cancelLabel}
      </button>
      <button type="submit" className="adm-btn adm-btn--primary" disabled={props.busy || props.problem !== null} data-testid={props.testId}>
        {props.saveLabel}
      </button>
    </div>
  );
}
