import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FolderEntry } from '../../../core/api';
import { call } from '../api/client';
import { toSerializedError } from '../api/errors';
import { confirm } from '../app/controller';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';
import { dirname, joinPath, withProjectExtension } from '../paths';
import { useStore } from '../state/store';

interface Listing {
  folder: string;
  parent: string | null;
  entries: FolderEntry[];
}

/**
 * Plenum's own file browser, for browser mode (where native dialogs do not exist): folders and
 * .plenum files from main's `files.list`, a path field, the parent folder, and a file name to save.
 */
export function FileDialog({ mode, title, defaultName, resolve, onClose, active }: {
  mode: 'open' | 'save';
  title: string;
  defaultName?: string | undefined;
  resolve(path: string | null): void;
  onClose(): void;
  active: boolean;
}) {
  const { t } = useTranslation();
  const projectPath = useStore((s) => s.project?.path ?? null);
  const [listing, setListing] = useState<Listing | null>(null);
  const [pathInput, setPathInput] = useState('');
  const [fileName, setFileName] = useState(defaultName ?? '');
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (folder: string) => {
    setLoading(true);
    try {
      const result = await call('files.list', { folder });
      const entries = [...result.entries].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name, undefined, { numeric: true }) : a.kind === 'folder' ? -1 : 1));
      setListing({ ...result, entries });
      setPathInput(result.folder);
      setSelected(null);
      setError(null);
    } catch (err) {
      setError(toSerializedError(err).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      let start = projectPath ? dirname(projectPath) : '';
      if (!start) {
        try {
          start = (await call('files.defaultFolder', {})).path;
        } catch (err) {
          setError(toSerializedError(err).message);
          return;
        }
      }
      await load(start);
    })();
  }, [load, projectPath]);

  const finish = (path: string | null) => {
    resolve(path);
    onClose();
  };

  const cancel = () => finish(null);

  const submit = async () => {
    if (!listing) return;
    if (mode === 'open') {
      if (selected) finish(selected);
      else setError(t('fileDialog.chooseFile'));
      return;
    }
    const name = fileName.trim();
    if (!name) {
      setError(t('fileDialog.nameRequired'));
      return;
    }
    const finalName = withProjectExtension(name);
    const existing = listing.entries.find((e) => e.kind === 'project' && e.name === finalName);
    if (existing) {
      const ok = await confirm({
        title: t('fileDialog.replaceTitle'),
        message: t('fileDialog.replaceText', { name: finalName }),
        confirmLabel: t('fileDialog.replace'),
        danger: true,
      });
      if (!ok) return;
    }
    finish(joinPath(listing.folder, finalName));
  };

  const activate = (entry: FolderEntry) => {
    if (entry.kind === 'folder') void load(entry.path);
    else if (mode === 'open') finish(entry.path);
    else {
      setFileName(entry.name);
      setSelected(entry.path);
    }
  };

  return (
    <Modal
      title={title}
      icon={<Icon name={mode === 'open' ? 'folderOpen' : 'save'} />}
      onClose={cancel}
      onSubmit={() => void submit()}
      active={active}
      size="lg"
      testId="file-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={cancel}>{t('common.cancel')}</button>
          <button type="submit" className="btn btn-primary" disabled={mode === 'open' ? !selected : !fileName.trim()} data-testid="file-dialog-confirm">
            {mode === 'open' ? t('fileDialog.open') : t('fileDialog.save')}
          </button>
        </>
      }
    >
      <div className="file-bar">
        <button type="button" className="btn-icon" onClick={() => listing?.parent && void load(listing.parent)} disabled={!listing?.parent} aria-label={t('fileDialog.parent')} title={t('fileDialog.parent')} data-testid="file-dialog-parent">
          <Icon name="arrowUp" />
        </button>
        <input
          className="input file-path"
          value={pathInput}
          onChange={(e) => setPathInput(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void load(pathInput.trim());
            }
          }}
          aria-label={t('fileDialog.folder')}
          spellCheck={false}
          data-testid="file-dialog-path"
        />
      </div>
      <div className="file-list" role="listbox" aria-label={t('fileDialog.contents')} aria-busy={loading} data-testid="file-dialog-list">
        {listing && listing.entries.length === 0 && <p className="file-empty">{t('fileDialog.empty')}</p>}
        {listing?.entries.map((entry) => (
          <div
            key={entry.path}
            role="option"
            tabIndex={0}
            aria-selected={selected === entry.path}
            className={`file-row${selected === entry.path ? ' is-selected' : ''}`}
            onClick={() => {
              if (entry.kind === 'folder') {
                setSelected(null);
                void load(entry.path);
              } else {
                setSelected(entry.path);
                if (mode === 'save') setFileName(entry.name);
              }
            }}
            onDoubleClick={() => activate(entry)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                activate(entry);
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const sibling = (e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling) as HTMLElement | null;
                sibling?.focus();
              }
            }}
            data-testid="file-entry"
            data-kind={entry.kind}
            data-name={entry.name}
          >
            <Icon name={entry.kind === 'folder' ? 'folder' : 'file'} size={15} className={`icon file-icon-${entry.kind}`} />
            <span>{entry.name}</span>
          </div>
        ))}
      </div>
      {mode === 'save' && (
        <div className="field">
          <label className="field-label" htmlFor="file-dialog-name">{t('fileDialog.fileName')}</label>
          <input
            id="file-dialog-name"
            className="input"
            value={fileName}
            onChange={(e) => setFileName(e.target.value)}
            spellCheck={false}
            data-autofocus
            data-testid="file-dialog-name"
          />
        </div>
      )}
      {error && <p className="form-error" role="alert"><Icon name="alertCircle" size={14} />{error}</p>}
    </Modal>
  );
}
