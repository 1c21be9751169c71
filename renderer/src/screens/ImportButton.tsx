import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { parseInterchangeText } from '../../../core/interchange/plenum1';
import { call } from '../api/client';
import { attempt, toast } from '../app/controller';
import { Icon } from '../components/Icon';
import { useReadOnly } from '../hooks';
import { i18n } from '../i18n';

/** Reads a plenum/1 file (JSON or YAML) picked by the user and imports it as one undo step. */
export async function importFile(file: File): Promise<void> {
  const parsed = parseInterchangeText(await file.text());
  if (!parsed.ok) {
    const first = parsed.issues[0];
    toast(i18n.t('toast.importUnreadable', { file: file.name, message: `${first?.line ? `line ${first.line}: ` : ''}${first?.message ?? ''}` }), 'error');
    return;
  }
  const done = await attempt(() => call('cmd.document.import', { document: parsed.value }));
  if (done) {
    const r = done.result as { rooms: number; racks: number; devices: number };
    toast(i18n.t('toast.imported', { rooms: r.rooms, racks: r.racks, devices: r.devices }), 'success');
  }
}

/** Asks for a plenum/1 file with the system's file picker (no path needed: the file is read here). */
export function pickImportFile(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = ACCEPT;
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void importFile(file);
  });
  input.click();
}

const ACCEPT = '.json,.yaml,.yml,application/json';

export function ImportButton() {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="btn" onClick={() => input.current?.click()} disabled={readOnly} data-testid="import-button">
        <Icon name="download" size={14} />{t('action.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
    </>
  );
}
