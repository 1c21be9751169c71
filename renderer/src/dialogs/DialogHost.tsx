import { useStore } from '../state/store';
import type { OpenDialog } from '../state/store';
import { AboutDialog } from './AboutDialog';
import { AddDeviceDialog } from './AddDeviceDialog';
import { AddRackDialog } from './AddRackDialog';
import { AddRoomDialog } from './AddRoomDialog';
import { BackupsDialog } from './BackupsDialog';
import { ConfirmDialog } from './ConfirmDialog';
import { FileDialog } from './FileDialog';
import { NewProjectDialog } from './NewProjectDialog';
import { OpenErrorDialog } from './OpenErrorDialog';
import { PreferencesDialog } from './PreferencesDialog';
import { ShortcutsDialog } from './ShortcutsDialog';

function render(d: OpenDialog, active: boolean, close: () => void) {
  const common = { active, onClose: close };
  switch (d.kind) {
    case 'newProject': return <NewProjectDialog {...common} />;
    case 'file': return <FileDialog {...common} mode={d.mode} title={d.title} defaultName={d.defaultName} resolve={d.resolve} />;
    case 'addRoom': return <AddRoomDialog {...common} />;
    case 'addRack': return <AddRackDialog {...common} roomId={d.roomId} />;
    case 'addDevice': return <AddDeviceDialog {...common} rackId={d.rackId} />;
    case 'backups': return <BackupsDialog {...common} />;
    case 'preferences': return <PreferencesDialog {...common} />;
    case 'shortcuts': return <ShortcutsDialog {...common} />;
    case 'about': return <AboutDialog {...common} />;
    case 'confirm': return <ConfirmDialog {...common} title={d.title} message={d.message} confirmLabel={d.confirmLabel} danger={d.danger} resolve={d.resolve} />;
    case 'openError': return <OpenErrorDialog {...common} error={d.error} path={d.path} />;
  }
}

/** Renders the dialog stack; only the top one is active (keys, focus trap). */
export function DialogHost() {
  const dialogs = useStore((s) => s.dialogs);
  const closeDialog = useStore((s) => s.closeDialog);
  return (
    <>
      {dialogs.map((d, i) => (
        <div key={d.key} className="dialog-layer" style={{ zIndex: 100 + i }}>
          {render(d, i === dialogs.length - 1, () => closeDialog(d.key))}
        </div>
      ))}
    </>
  );
}
