/** Short messages after an action (saved, refused, queued), shown at the bottom right of /admin. */
import { create } from 'zustand';

export type NoticeKind = 'ok' | 'error' | 'queued' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

interface NoticeState {
  notices: Notice[];
}

export const useNotices = create<NoticeState>()(() => ({ notices: [] }));

let counter = 0;

export function notify(kind: NoticeKind, text: string): void {
  counter += 1;
  const id = counter;
  useNotices.setState((s) => ({ notices: [...s.notices.slice(-3), { id, kind, text }] }));
  setTimeout(() => dismissNotice(id), kind === 'error' ? 12_000 : 5_000);
}

export function dismissNotice(id: number): void {
  useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
