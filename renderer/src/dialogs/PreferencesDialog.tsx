import { useTranslation } from 'react-i18next';
import { updatePrefs } from '../app/controller';
import { Field, Segmented } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { useStore } from '../state/store';

/** Language, units and theme; each applies at once and is saved by main. */
export function PreferencesDialog({ onClose, active }: { onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const prefs = useStore((s) => s.prefs);
  return (
    <Modal
      title={t('prefs.title')}
      icon={<Icon name="settings" />}
      onClose={onClose}
      onSubmit={onClose}
      active={active}
      dismissOnBackdrop
      testId="preferences-dialog"
      footer={<button type="submit" className="btn btn-primary" data-testid="preferences-done">{t('common.done')}</button>}
    >
      <Field label={t('prefs.language')}>
        <Segmented label={t('prefs.language')} value={prefs.language} onChange={(language) => void updatePrefs({ language })} testId="pref-language"
          options={[{ value: 'en', label: 'English' }, { value: 'fr', label: 'Français' }]} />
      </Field>
      <Field label={t('prefs.units')} hint={t('prefs.unitsHint')}>
        <Segmented label={t('prefs.units')} value={prefs.units} onChange={(units) => void updatePrefs({ units })} testId="pref-units"
          options={[{ value: 'metric', label: t('units.metricLong') }, { value: 'imperial', label: t('units.imperialLong') }]} />
      </Field>
      <Field label={t('prefs.theme')}>
        <Segmented label={t('prefs.theme')} value={prefs.theme} onChange={(theme) => void updatePrefs({ theme })} testId="pref-theme"
          options={[
            { value: 'system', label: t('prefs.themeSystem'), icon: <Icon name="monitor" size={14} /> },
            { value: 'light', label: t('prefs.themeLight'), icon: <Icon name="sun" size={14} /> },
            { value: 'dark', label: t('prefs.themeDark'), icon: <Icon name="moon" size={14} /> },
          ]} />
      </Field>
    </Modal>
  );
}
