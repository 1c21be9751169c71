import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { createProject, pickProjectPath } from '../app/controller';
import { TextField } from '../components/Field';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { dirname, fileNameFor, joinPath } from '../paths';
import { useFormErrors } from './formErrors';

/** Name the project and choose where its file goes; the file name follows the name until edited. */
export function NewProjectDialog({ onClose, active }: { onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const [name, setName] = useState(t('newProject.defaultName'));
  const [folder, setFolder] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [pathEdited, setPathEdited] = useState(false);
  const [demo, setDemo] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useFormErrors(['name', 'path'] as const);

  useEffect(() => {
    call('files.defaultFolder', {}).then((r) => setFolder(r.path), () => setFolder(''));
  }, []);

  useEffect(() => {
    if (!pathEdited && folder !== null) setPath(folder ? joinPath(folder, fileNameFor(name)) : fileNameFor(name));
  }, [name, folder, pathEdited]);

  const browse = async () => {
    const chosen = await pickProjectPath('save', fileNameFor(name));
    if (chosen) {
      setPath(chosen);
      setFolder(dirname(chosen));
      setPathEdited(true);
    }
  };

  const submit = async () => {
    form.clear();
    if (!name.trim()) return form.set('name', t('invalid.name'));
    if (!path.trim()) return form.set('path', t('newProject.pathRequired'));
    setBusy(true);
    const ok = await createProject(path.trim(), name.trim(), demo);
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Modal
      title={t('newProject.title')}
      icon={<Icon name="filePlus" />}
      onClose={onClose}
      onSubmit={() => void submit()}
      active={active}
      busy={busy}
      testId="new-project-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="new-project-create">{t('newProject.create')}</button>
        </>
      }
    >
      <TextField label={t('field.name')} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} data-testid="new-project-name" maxLength={120} />
      <div className="field-with-button">
        <TextField
          label={t('newProject.location')}
          value={path}
          onChange={(e) => { setPath(e.target.value); setPathEdited(true); }}
          error={form.errors.path}
          hint={t('newProject.locationHint')}
          data-testid="new-project-path"
          wide
        />
        <button type="button" className="btn" onClick={() => void browse()} data-testid="new-project-browse">
          <Icon name="folderOpen" size={14} />{t('newProject.browse')}
        </button>
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={demo} onChange={(e) => setDemo(e.target.checked)} data-testid="new-project-demo" />
        <span>{t('newProject.withDemo')}</span>
      </label>
      {form.general && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{form.general}</p>}
    </Modal>
  );
}
