import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../core/api';
import { call } from '../api/client';
import { toSerializedError } from '../api/errors';
import { confirm, restoreBackup } from '../app/controller';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';

function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)}\u00a0${units[i]}`;
}

/** The automatic backups of the open project, newest first; restoring one asks first. */
export function BackupsDialog({ onClose, active }: { onClose(): void; active: boolean }) {
  const { t, i18n } = useTranslation();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dateFormat = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });

  useEffect(() => {
    call('backups.list', {}).then(
      (list) => setBackups([...list].sort((a, b) => b.takenAt.localeCompare(a.takenAt))),
      (err: unknown) => setError(toSerializedError(err).message),
    );
  }, []);

  const restore = async (backup: BackupInfo) => {
    const when = dateFormat.format(new Date(backup.takenAt));
    const ok = await confirm({
      title: t('backups.confirmTitle'),
      message: t('backups.confirmText', { when }),
      confirmLabel: t('backups.restore'),
      danger: true,
    });
    if (!ok) return;
    setBusy(true);
    const done = await restoreBackup(backup.id);
    setBusy(false);
    if (done) onClose();
  };

  return (
    <Modal
      title={t('backups.title')}
      icon={<Icon name="history" />}
      onClose={onClose}
      onSubmit={onClose}
      active={active}
      dismissOnBackdrop
      size="lg"
      testId="backups-dialog"
      footer={<button type="submit" className="btn btn-primary">{t('common.done')}</button>}
    >
      <p className="dialog-hint">{t('backups.intro')}</p>
      {error && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>}
      {backups === null && !error && <p className="muted">{t('common.loading')}</p>}
      {backups?.length === 0 && <p className="file-empty" data-testid="backups-empty">{t('backups.none')}</p>}
      {backups && backups.length > 0 && (
        <table className="table" data-testid="backups-table">
          <thead>
            <tr><th>{t('backups.taken')}</th><th className="num">{t('backups.size')}</th><th aria-label={t('backups.actions')} /></tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.id} data-testid="backup-row">
                <td>{dateFormat.format(new Date(b.takenAt))}</td>
                <td className="num">{formatBytes(b.sizeBytes, i18n.language)}</td>
                <td className="actions">
                  <button type="button" className="btn btn-sm" onClick={() => void restore(b)} disabled={busy} data-testid="backup-restore">
                    <Icon name="restore" size={13} />{t('backups.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
