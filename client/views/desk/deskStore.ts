/**
 * The desk's own state (not the server's): the search query and selected donor, the open form,
 * the banner that answers the last action, and the imported rows found already registered.
 * The desk's own events are the device's (client/device: waiting, recorded, refused) and the
 * log's (ownEvents.ts); who this device is, the device identity's. Nothing here is kept on the
 * device: no name, phone or CCCD in localStorage.
 *
 * The server's state stays in the live store; nothing here writes it.
 */
import { create } from 'zustand';
import type { EventType } from '../../../shared/events.ts';
import type { Msg } from './i18n.ts';

export type BannerKind = 'sending' | 'ok' | 'queued' | 'error' | 'info';

export interface Banner {
  kind: BannerKind;
  /** What to say (put into words in the chosen language when shown). */
  text: Msg;
  /** The server's own message, shown as it came (a refusal). */
  detail?: string;
  at: number;
  eventId?: string;
  donorId?: string;
  /** A duplicate: the existing record to open instead. */
  existingDonorId?: string;
  /** What was done, to say later how a waiting event ended. */
  label?: Msg;
}

export interface WalkInPrefill {
  fullName?: string;
  birthYear?: number;
  gender?: 'female' | 'male';
  nationalId?: string;
  phone?: string;
}

export type DeskMode = { kind: 'donor' } | { kind: 'walkIn'; prefill: WalkInPrefill } | { kind: 'edit'; donorId: string } | { kind: 'import' };

export interface DeskState {
  /** Imported rows the server found already registered (event id → the existing donor id). */
  importDuplicates: ReadonlyMap<string, string>;
  query: string;
  selectedId: string | null;
  mode: DeskMode;
  banner: Banner | null;
}

/** Kept by earlier versions of the desk (its journal of own events with names, who the device was, refusals): removed at start. */
const OLD_KEYS = ['ntth.desk.journal.v1', 'ntth.desk.me.v1', 'ntth.desk.refusals.v1'];

function removeOldKeys(): void {
  try {
    for (const key of OLD_KEYS) window.localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing kept
  }
}

if (typeof window !== 'undefined') removeOldKeys();

export const useDeskStore = create<DeskState>()(() => ({
  importDuplicates: new Map(),
  query: '',
  selectedId: null,
  mode: { kind: 'donor' },
  banner: null,
}));

export const deskActions = {
  importDuplicate(eventId: string, existingDonorId: string): void {
    const map = new Map(useDeskStore.getState().importDuplicates);
    map.set(eventId, existingDonorId);
    useDeskStore.setState({ importDuplicates: map });
  },

  setQuery(query: string): void {
    useDeskStore.setState({ query });
  },

  select(donorId: string | null): void {
    useDeskStore.setState({ selectedId: donorId, mode: { kind: 'donor' } });
  },

  openWalkIn(prefill: WalkInPrefill = {}): void {
    useDeskStore.setState({ mode: { kind: 'walkIn', prefill } });
  },

  openEdit(donorId: string): void {
    useDeskStore.setState({ mode: { kind: 'edit', donorId }, selectedId: donorId });
  },

  openImport(): void {
    useDeskStore.setState({ mode: { kind: 'import' } });
  },

  closeForm(): void {
    useDeskStore.setState({ mode: { kind: 'donor' } });
  },

  banner(banner: Omit<Banner, 'at'> | null): void {
    useDeskStore.setState({ banner: banner ? { ...banner, at: Date.now() } : null });
  },

  /** Updates the banner only if it still describes `eventId` (a later action replaced it otherwise). */
  bannerFor(eventId: string, banner: Omit<Banner, 'at' | 'eventId'>): void {
    if (useDeskStore.getState().banner?.eventId !== eventId) return;
    useDeskStore.setState({ banner: { ...banner, eventId, at: Date.now() } });
  },
};

/** Event types the desk writes. */
export type DeskEventType = Extract<EventType, 'donor.registered' | 'donor.checked_in' | 'donor.donated' | 'donor.deferred' | 'donor.updated' | 'event.voided' | 'list.imported'>;
