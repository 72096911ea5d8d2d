/**
 * Starts the device layer of a writing page (desk, console, MC, admin): the outbox, who the
 * device is (and its clock's offset), and the optimistic view's bookkeeping. The wall never
 * loads this module, nor IndexedDB's code: it writes nothing.
 */
import type { PageName } from '../auth/token.ts';
import type { DeviceStatus } from '../../shared/protocol.ts';
import { learnIdentity } from './identity.ts';
import { followLiveData } from './optimistic.ts';
import { initDeviceOutbox } from './send.ts';
import { useDeviceOutbox } from './store.ts';

export interface DeviceHooks {
  /** The device status the live connection reports (how many events wait). */
  status(): DeviceStatus;
  /** The live connection is (back) up: send what waits. */
  connected(): void;
  /** Calls `report` whenever the number of waiting events changes. */
  onChange(report: () => void): void;
}

export function startDevice(token: string, page: PageName): DeviceHooks {
  const outbox = initDeviceOutbox(token, page);
  learnIdentity(token, page);
  followLiveData();
  void outbox.start();
  return {
    status: () => ({ outbox: useDeviceOutbox.getState().pending.length, page }),
    connected: () => outbox.flushSoon(true),
    onChange(report) {
      useDeviceOutbox.subscribe((state, previous) => {
        if (state.pending.length !== previous.pending.length) report();
      });
    },
  };
}
