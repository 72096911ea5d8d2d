/**
 * Who this device is (GET /api/me): its token id tells which announce/skip events are its own,
 * the ones it may undo (the server lets a device void only its own events; admin any).
 * Unknown (null) until answered, or when the request fails: the view then offers undo and lets
 * the server decide.
 */
import { useEffect, useState } from 'react';
import { getToken } from '../../auth/token.ts';

export interface Me {
  id: string;
  role: string;
  label: string;
}

export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    const token = getToken('mc');
    if (!token) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const load = async (attempt: number): Promise<void> => {
      try {
        const response = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } });
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as Me;
        if (!cancelled) setMe(body);
      } catch {
        if (!cancelled && attempt < 10) retry = setTimeout(() => void load(attempt + 1), Math.min(30_000, 2000 * 2 ** attempt));
      }
    };
    void load(0);
    return () => {
      cancelled = true;
      if (retry) clearTimeout(retry);
    };
  }, []);
  return me;
}
