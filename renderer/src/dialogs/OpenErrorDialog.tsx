import { useTranslation } from 'react-i18next';
import type { SerializedError } from '../../../core/model/errors';
import { runAction } from '../app/actions';
import { describeError } from '../app/controller';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';

/** Why a file could not be opened (not SQLite, not Plenum, too new, locked, corrupt) and what to do. */
export function OpenErrorDialog({ error, path, onClose, active }: { error: SerializedError; path?: string | undefined; onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const { title, hint } = describeError(error);
  return (
    <Modal
      title={title}
      icon={<Icon name="alert" className="icon tone-danger" />}
      onClose={onClose}
      onSubmit={onClose}
      active={active}
      size="sm"
      testId="open-error-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => { onClose(); runAction('project.open'); }}>{t('openError.openAnother')}</button>
          <button type="submit" className="btn btn-primary" data-autofocus>{t('common.ok')}</button>
        </>
      }
    >
      <p className="dialog-text" data-testid="open-error-message">{error.message}</p>
      <p className="dialog-hint">{hint}</p>
      {path && <p className="mono-path dialog-path">{path}</p>}
      <p className="dialog-code">{t('openError.code', { code: error.code })}</p>
    </Modal>
  );
}
