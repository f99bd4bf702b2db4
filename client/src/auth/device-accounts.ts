import type { User } from '@kusanya/schemas';
import { v7 } from 'uuid';
import type { Keyring } from './keyring.js';
import type { PasswordVerifier } from './verifier.js';

/** A user who has logged in on this device: enough to log in offline and to reopen their database. */
export interface DeviceAccount {
  user: User;
  verifier: PasswordVerifier;
  /** Bearer token of the last online login; null after logout or when it expired. */
  token: string | null;
  lastLoginAt: string;
  /** The wrapped key of this user's encrypted local database (absent for accounts of earlier versions). */
  keyring?: Keyring;
}

const ACCOUNTS_KEY = 'kusanya.accounts';
const CURRENT_KEY = 'kusanya.currentUser';
const DEVICE_KEY = 'kusanya.deviceId';

/** Accounts known on this device, stored in localStorage (no passwords, only verifiers). */
export class DeviceAccounts {
  constructor(private readonly storage: Storage = localStorage) {}

  deviceId(): string {
    let id = this.storage.getItem(DEVICE_KEY);
    if (!id) {
      id = `device-${v7()}`;
      this.storage.setItem(DEVICE_KEY, id);
    }
    return id;
  }

  list(): DeviceAccount[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(ACCOUNTS_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as DeviceAccount[]) : [];
    } catch {
      return [];
    }
  }

  find(username: string): DeviceAccount | undefined {
    const wanted = username.trim().toLowerCase();
    return this.list().find((a) => a.user.username.toLowerCase() === wanted);
  }

  byId(userId: string): DeviceAccount | undefined {
    return this.list().find((a) => a.user.id === userId);
  }

  save(account: DeviceAccount): void {
    const others = this.list().filter((a) => a.user.id !== account.user.id);
    this.storage.setItem(ACCOUNTS_KEY, JSON.stringify([...others, account]));
  }

  setToken(userId: string, token: string | null): void {
    const account = this.byId(userId);
    if (account) this.save({ ...account, token });
  }

  current(): DeviceAccount | undefined {
    const id = this.storage.getItem(CURRENT_KEY);
    return id ? this.byId(id) : undefined;
  }

  setCurrent(userId: string | null): void {
    if (userId) this.storage.setItem(CURRENT_KEY, userId);
    else this.storage.removeItem(CURRENT_KEY);
  }
}
