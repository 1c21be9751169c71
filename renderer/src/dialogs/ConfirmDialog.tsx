import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';

export function ConfirmDialog({ title, message, confirmLabel, danger, resolve, onClose, active }: {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean | undefined;
  resolve(ok: boolean): void;
  onClose(): void;
  active: boolean;
}) {
  const { t } = useTranslation();
  const finish = (ok: boolean) => {
    resolve(ok);
    onClose();
  };
  return (
    <Modal
      title={title}
      icon={<Icon name={danger ? 'alert' : 'help'} />}
      onClose={() => finish(false)}
      onSubmit={() => finish(true)}
      active={active}
      size="sm"
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={() => finish(false)} data-testid="confirm-cancel">{t('common.cancel')}</button>
          <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} data-autofocus data-testid="confirm-ok">{confirmLabel}</button>
        </>
      }
    >
      <p className="dialog-text">{message}</p>
    </Modal>
  );
}
