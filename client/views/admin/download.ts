/**
 * A file the admin downloads (a report, the audit log, an agency's results), with the notice
 * that says it came — or, in the person's language, why it did not.
 */
import { t } from '../../i18n/index.ts';
import { ApiError, downloadFile } from './api.ts';
import { notify } from './notices.ts';
import { errorText } from './write.ts';

export async function downloadWithNotice(path: string, fallbackName: string): Promise<void> {
  try {
    const name = await downloadFile(path, fallbackName);
    notify('ok', t('admin.reports.downloaded', { name }));
  } catch (err) {
    const e = err as ApiError;
    notify('error', errorText(e.code, e.message));
  }
}
