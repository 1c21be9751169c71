import { useTranslation } from 'react-i18next';
import { Icon, LogoMark } from '../components/Icon';
import { Modal } from '../components/Modal';
import { useStore } from '../state/store';

export function AboutDialog({ onClose, active }: { onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const info = useStore((s) => s.appInfo);
  const project = useStore((s) => s.project);
  return (
    <Modal
      title={t('about.title')}
      icon={<Icon name="info" />}
      onClose={onClose}
      onSubmit={onClose}
      active={active}
      dismissOnBackdrop
      size="sm"
      testId="about-dialog"
      footer={<button type="submit" className="btn btn-primary">{t('common.ok')}</button>}
    >
      <div className="about">
        <LogoMark size={44} />
        <div>
          <h3>Plenum</h3>
          <p className="muted">{t('start.tagline')}</p>
        </div>
      </div>
      <dl className="kv">
        <dt>{t('about.versionLabel')}</dt><dd>{info?.version ?? '—'}</dd>
        <dt>{t('about.mode')}</dt><dd>{info ? t(`about.mode_${info.mode}`) : '—'}</dd>
        <dt>{t('about.platform')}</dt><dd>{info?.platform ?? '—'}</dd>
        {project && <><dt>{t('about.schema')}</dt><dd>{project.schemaVersion}</dd></>}
        <dt>{t('about.userData')}</dt><dd className="mono-path">{info?.userDataDir ?? '—'}</dd>
      </dl>
    </Modal>
  );
}
