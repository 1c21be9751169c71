import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../state/store';
import type { Toast } from '../state/store';
import { Icon } from './Icon';

const LIFETIME_MS = { error: 9000, info: 5000, success: 4000 } as const;

function ToastItem({ toast }: { toast: Toast }) {
  const { t } = useTranslation();
  const dismiss = useStore((s) => s.dismissToast);
  useEffect(() => {
    const timer = setTimeout(() => dismiss(toast.id), LIFETIME_MS[toast.tone]);
    return () => clearTimeout(timer);
  }, [toast.id, toast.tone, dismiss]);
  const icon = toast.tone === 'error' ? 'alertCircle' : toast.tone === 'success' ? 'checkCircle' : 'info';
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid={`toast-${toast.tone}`}>
      <Icon name={icon} className="icon toast-icon" />
      <div className="toast-text">
        {toast.title && <strong>{toast.title}</strong>}
        <span>{toast.message}</span>
      </div>
      <button type="button" className="btn-icon btn-icon-sm" onClick={() => dismiss(toast.id)} aria-label={t('common.dismiss')}>
        <Icon name="close" size={14} />
      </button>
    </div>
  );
}

export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => <ToastItem key={toast.id} toast={toast} />)}
    </div>
  );
}
