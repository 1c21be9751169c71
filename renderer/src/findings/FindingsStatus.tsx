/**
 * The status bar's error, warning and info counts (UI.md): an icon and a number each, never colour
 * alone; clicking opens or closes the findings panel (Ctrl/Cmd+Shift+M).
 */
import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../app/actions';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useStore } from '../state/store';
import { toggleFindingsPanel } from './reveal';
import { useFindings } from './useFindings';
import '../styles/findings.css';

export function FindingsStatus() {
  const { t } = useTranslation();
  const errors = useFindings((f) => f.errors);
  const warnings = useFindings((f) => f.warnings);
  const infos = useFindings((f) => f.findings.length - f.errors - f.warnings);
  const open = useStore((s) => s.findingsPanel.open);
  const hasProject = useStore((s) => s.snapshot !== null);
  if (!hasProject) return null;
  const errorText = t('findings.status.errors', { count: errors });
  const warningText = t('findings.status.warnings', { count: warnings });
  const infoText = t('findings.status.infos', { count: infos });
  return (
    <Tooltip label={t('findings.status.tooltip')} shortcut={shortcutLabel('view.findings')} placement="top">
      <button type="button" className={`status-item status-button status-findings${open ? ' is-on' : ''}`} aria-pressed={open}
        aria-label={infos > 0 ? `${errorText}, ${warningText}, ${infoText}` : `${errorText}, ${warningText}`} onClick={() => toggleFindingsPanel()} data-testid="status-findings">
        <span className={errors > 0 ? 'sev-error' : 'sev-none'} data-testid="status-errors" data-count={errors}>
          <Icon name="alertCircle" size={13} />{errors}
        </span>
        <span className={warnings > 0 ? 'sev-warning' : 'sev-none'} data-testid="status-warnings" data-count={warnings}>
          <Icon name="alert" size={13} />{warnings}
        </span>
        <span className={infos > 0 ? 'sev-info' : 'sev-none'} data-testid="status-infos" data-count={infos}>
          <Icon name="info" size={13} />{infos}
        </span>
      </button>
    </Tooltip>
  );
}
