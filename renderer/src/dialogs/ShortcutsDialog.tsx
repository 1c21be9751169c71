import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIONS, IS_MAC, shortcutLabels } from '../app/actions';
import { Icon } from '../components/Icon';
import { Modal } from '../components/Modal';

const GROUPS = ['file', 'edit', 'view', 'help'] as const;

/** Every shortcut, from the action registry, plus the keys of the tree, the plan and dialogs. */
export function ShortcutsDialog({ onClose, active }: { onClose(): void; active: boolean }) {
  const { t } = useTranslation();
  const extra: Array<{ group: string; label: string; keys: string[] }> = [
    { group: 'edit', label: t('shortcuts.clearSelection'), keys: ['Esc'] },
    { group: 'edit', label: t('shortcuts.addToSelection'), keys: [IS_MAC ? '⌘+click' : 'Ctrl+click'] },
    { group: 'plan', label: t('shortcuts.pan'), keys: [t('shortcuts.drag'), t('shortcuts.middleDrag'), '← ↑ → ↓'] },
    { group: 'plan', label: t('shortcuts.zoom'), keys: [t('shortcuts.wheel'), '+', '−'] },
    { group: 'plan', label: t('shortcuts.fit'), keys: ['0'] },
    { group: 'tree', label: t('shortcuts.treeMove'), keys: ['↑', '↓', 'Home', 'End'] },
    { group: 'tree', label: t('shortcuts.treeExpand'), keys: ['→', '←'] },
    { group: 'tree', label: t('shortcuts.treeSelect'), keys: ['Enter'] },
    { group: 'cx', label: t('cx.key.confirmNumber'), keys: ['Enter'] },
    { group: 'dialogs', label: t('shortcuts.dialogSubmit'), keys: ['Enter'] },
    { group: 'dialogs', label: t('shortcuts.dialogClose'), keys: ['Esc'] },
  ];
  const groups = [...GROUPS, 'plan', 'cx', 'tree', 'dialogs'] as const;
  return (
    <Modal
      title={t('shortcuts.title')}
      icon={<Icon name="keyboard" />}
      onClose={onClose}
      onSubmit={onClose}
      active={active}
      dismissOnBackdrop
      size="lg"
      testId="shortcuts-dialog"
      footer={<button type="submit" className="btn btn-primary">{t('common.done')}</button>}
    >
      <div className="shortcut-columns">
        {groups.map((group) => {
          const rows = [
            ...ACTIONS.filter((a) => a.group === group && a.shortcuts?.length).map((a) => ({ label: t(a.labelKey), keys: shortcutLabels(a) })),
            ...extra.filter((e) => e.group === group),
          ];
          if (rows.length === 0) return null;
          return (
            <section key={group} className="shortcut-group">
              <h3>{t(`shortcuts.group.${group}`)}</h3>
              <dl>
                {rows.map((r) => (
                  <Fragment key={r.label}>
                    <dt>{r.label}</dt>
                    <dd>{r.keys.map((k, i) => <kbd key={i} className="kbd">{k}</kbd>)}</dd>
                  </Fragment>
                ))}
              </dl>
            </section>
          );
        })}
      </div>
    </Modal>
  );
}
