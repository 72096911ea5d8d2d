/**
 * Which devices are connected now, when each was last seen, and what it reports (its page
 * and outbox size): the admin's device list. In memory; "last seen" of a device that has not
 * connected since the server started is unknown.
 */
import type { DeviceStatus } from '../../shared/index.ts';

export interface DevicePresence {
  tokenId: string;
  /** Open sockets of this token right now. */
  connections: number;
  lastSeenAt: string;
  page: string | null;
  outbox: number | null;
  address: string | null;
}

export class DeviceRegistry {
  private readonly devices = new Map<string, DevicePresence>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private touch(tokenId: string): DevicePresence {
    let device = this.devices.get(tokenId);
    if (!device) {
      device = { tokenId, connections: 0, lastSeenAt: this.now().toISOString(), page: null, outbox: null, address: null };
      this.devices.set(tokenId, device);
    }
    device.lastSeenAt = this.now().toISOString();
    return device;
  }

  connected(tokenId: string, address: string): void {
    const device = this.touch(tokenId);
    device.connections += 1;
    device.address = address;
  }

  disconnected(tokenId: string): void {
    const device = this.touch(tokenId);
    device.connections = Math.max(0, device.connections - 1);
  }

  reported(tokenId: string, status: DeviceStatus): void {
    const device = this.touch(tokenId);
    device.outbox = status.outbox;
    if (status.page) device.page = status.page;
  }

  get(tokenId: string): DevicePresence | undefined {
    const device = this.devices.get(tokenId);
    return device ? { ...device } : undefined;
  }

  all(): DevicePresence[] {
    return [...this.devices.values()].map((device) => ({ ...device }));
  }
}
