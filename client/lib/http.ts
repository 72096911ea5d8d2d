/**
 * A page's HTTP calls with its own token (the admin's reports and devices, the agency liaison's
 * people and results): errors as ApiError with the server's code (status 0 when unreachable),
 * and downloads of exported files, which a plain link could not make (it cannot send the token).
 */
import { getToken, type PageName } from '../auth/token.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function fail(response: Response): Promise<never> {
  let code = 'http_error';
  let message = `HTTP ${response.status}`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON
  }
  throw new ApiError(response.status, code, message);
}

/** The file name the server suggests (Content-Disposition), else the fallback. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]!);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

export interface PageApi {
  getJson<T>(path: string): Promise<T>;
  sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Fetches an export with the token and saves it as a file; the file's name. */
  downloadFile(path: string, fallbackName: string): Promise<string>;
}

export function pageApi(page: PageName): PageApi {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const token = getToken(page);
    return { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra };
  };
  /** A request with the token; the answer if it is a success, else an ApiError (also when unreachable). */
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(path, { cache: 'no-store', ...init, headers: headers(init.headers as Record<string, string> | undefined) });
    } catch {
      throw new ApiError(0, 'unreachable', 'server unreachable');
    }
    return response.ok ? response : fail(response);
  };
  return {
    async getJson<T>(path: string) {
      return (await (await request(path)).json()) as T;
    },
    async sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown) {
      const init: RequestInit = body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      return (await (await request(path, init)).json()) as T;
    },
    async downloadFile(path: string, fallbackName: string) {
      const response = await request(path);
      const name = fileNameOf(response, fallbackName);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return name;
    },
  };
}
