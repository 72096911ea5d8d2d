/**
 * The desk's own state (not the server's): its journal of own events (kept in localStorage so
 * undo survives a reload), the search query and selected donor, the open form, and the banner
 * that answers the last action. The events waiting to be sent and the refusals are the device
 * outbox's (client/device), who this device is the device identity's.
 *
 * The server's state stays in the live store; nothing here writes it.
 *
 * No full CCCD is kept here: an own event's `nationalId` is written into the journal as its
 * last 4 digits (the outbox in IndexedDB holds the full number only until it is sent; its
 * refused list keeps the last 4 digits only).
 */
import { create } from 'zustand';
import type { EventType } from '../../../shared/events.ts';
import { withoutFullNationalId } from '../../../shared/door.ts';
import type { Msg } from './i18n.ts';
import type { OwnEvent } from './overlay.ts';

export interface JournalEntry extends OwnEvent {
  /** The donor the event touches (for an undo: the undone event's donor). */
  donorId: string;
  donorName: string;
  /** Set once the server refused it. */
  rejected?: { code: string; message: string };
  /** The donor's personal data was erased: the entry keeps neither name nor details. */
  erased?: true;
}

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
  journal: JournalEntry[];
  /** Imported rows the server found already registered (event id → the existing donor id). */
  importDuplicates: ReadonlyMap<string, string>;
  query: string;
  selectedId: string | null;
  mode: DeskMode;
  banner: Banner | null;
}

const JOURNAL_KEY = 'ntth.desk.journal.v1';
/** Kept by earlier versions of the desk (who the device was, refusals): removed at start. */
const OLD_KEYS = ['ntth.desk.me.v1', 'ntth.desk.refusals.v1'];
/** The journal keeps a day of the desk's own events, at most this many. */
const JOURNAL_MAX = 600;
const JOURNAL_MAX_AGE_MS = 36 * 3600_000;
/** Never kept in localStorage: the outbox (IndexedDB) holds them while they are pending. */
const PRIVATE_FIELDS = ['phone', 'nationalId'];

function loadJournal(): JournalEntry[] {
  try {
    const raw = window.localStorage.getItem(JOURNAL_KEY);
    const list = raw ? (JSON.parse(raw) as JournalEntry[]) : [];
    const cutoff = Date.now() - JOURNAL_MAX_AGE_MS;
    return Array.isArray(list) ? list.filter((e) => e && typeof e.id === 'string' && e.createdAt > cutoff).map((e) => ({ ...e, pending: false })) : [];
  } catch {
    return [];
  }
}

function saveJournal(journal: JournalEntry[]): void {
  try {
    const slim = journal.map((entry) => {
      const payload = { ...entry.payload };
      for (const field of PRIVATE_FIELDS) delete payload[field];
      return { ...entry, payload };
    });
    window.localStorage.setItem(JOURNAL_KEY, JSON.stringify(slim));
  } catch {
    // Storage full or disabled: the journal lives in memory for this session.
  }
}

function removeOldKeys(): void {
  try {
    for (const key of OLD_KEYS) window.localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing kept
  }
}

if (typeof window !== 'undefined') removeOldKeys();

export const useDeskStore = create<DeskState>()(() => ({
  journal: typeof window === 'undefined' ? [] : loadJournal(),
  importDuplicates: new Map(),
  query: '',
  selectedId: null,
  mode: { kind: 'donor' },
  banner: null,
}));

export const deskActions = {
  addToJournal(entry: Omit<JournalEntry, 'pending'>): void {
    // The journal needs no full CCCD: the outbox's copy of a pending event wins in the overlay.
    const journal = [...useDeskStore.getState().journal, { ...entry, payload: withoutFullNationalId(entry.payload), pending: false }].slice(-JOURNAL_MAX);
    useDeskStore.setState({ journal });
    saveJournal(journal);
  },

  markRejected(ids: Map<string, { code: string; message: string }>): void {
    let changed = false;
    const journal = useDeskStore.getState().journal.map((entry) => {
      const refusal = ids.get(entry.id);
      if (!refusal || entry.rejected) return entry;
      changed = true;
      return { ...entry, rejected: refusal };
    });
    if (!changed) return;
    useDeskStore.setState({ journal });
    saveJournal(journal);
  },

  /**
   * The personal data of these donors was erased: the journal forgets their names and details
   * too (it keeps what was done, and when).
   */
  forgetDonors(donorIds: ReadonlySet<string>): void {
    let changed = false;
    const journal = useDeskStore.getState().journal.map((entry) => {
      if (entry.erased || !donorIds.has(entry.donorId)) return entry;
      changed = true;
      // What was done stays (the type, the time, a volume); who, and their details, go.
      const { donorId, volumeMl, eventId } = entry.payload;
      const payload = { donorId, ...(volumeMl !== undefined ? { volumeMl } : {}), ...(eventId !== undefined ? { eventId } : {}) };
      return { ...entry, donorName: '', payload, erased: true as const };
    });
    if (!changed) return;
    useDeskStore.setState({ journal });
    saveJournal(journal);
  },

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
