/**
 * The capacity overlay's controls, shared by the plan and the 3D view: the picker (one per view's
 * toolbar, the same session state), the legend (visible whenever an overlay or a what-if is on,
 * naming every bin with its count, since colour never carries meaning alone) and the what-if
 * banner ("What if UPS-A fails: 4 racks down…", Esc clears it).
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { shortcutLabel } from '../app/actions';
import { isTypingTarget } from '../app/keys';
import { Icon } from '../components/Icon';
import { Tooltip } from '../components/Tooltip';
import { useUnits } from '../hooks';
import { useStore } from '../state/store';
import type { CapacityOverlay, OverlayMode, WhatIfView } from './overlay';
import { OVERLAY_CYCLE, hexCss, whatIfLegend } from './overlay';
import '../styles/capacity.css';

export function OverlayPicker({ testId }: { testId: string }) {
  const { t } = useTranslation();
  const mode = useStore((s) => s.capacityOverlay);
  const setMode = useStore((s) => s.setCapacityOverlay);
  return (
    <Tooltip label={t('overlay.pickerHint')} shortcut={shortcutLabel('view.cycleOverlay')} placement="bottom">
      <label className="overlay-picker">
        <Icon name="layers" size={13} />
        <span className="overlay-picker-label">{t('overlay.label')}</span>
        <select className="input input-sm" value={mode} onChange={(e) => setMode(e.target.value as OverlayMode)} data-testid={testId} aria-label={t('overlay.label')}>
          {OVERLAY_CYCLE.map((m) => <option key={m} value={m}>{t(`overlay.mode.${m}`)}</option>)}
        </select>
      </label>
    </Tooltip>
  );
}

/** The legend of an overlay, of a what-if, or both (the what-if first: it is what the user asked). */
export function CapacityLegend({ overlay, whatIf, className, testId }: { overlay: CapacityOverlay | null; whatIf: WhatIfView | null; className?: string; testId: string }) {
  const { t } = useTranslation();
  if (!overlay && !whatIf) return null;
  const whatIfEntries = whatIf ? whatIfLegend(whatIf) : [];
  return (
    <div className={`capacity-legend ${className ?? ''}`} data-testid={testId} role="group" aria-label={t('overlay.legend')}>
      {whatIf && whatIfEntries.length > 0 && (
        <div className="capacity-legend-group" data-testid={`${testId}-whatif`}>
          <div className="capacity-legend-title">{t('overlay.whatIf.legend.title')}</div>
          <ul>
            {whatIfEntries.map((e) => (
              <li key={e.key} data-bin={e.key}>
                <span className={`capacity-swatch${e.pattern ? ` swatch-${e.pattern}` : ''}`} style={{ '--swatch': hexCss(e.colour) } as React.CSSProperties} aria-hidden="true" />
                <span className="capacity-legend-label">{t(e.labelKey)}</span>
                <span className="capacity-legend-count">{e.count}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {overlay && (
        <div className="capacity-legend-group" data-testid={`${testId}-overlay`} data-mode={overlay.mode}>
          <div className="capacity-legend-title">{t(overlay.titleKey)}</div>
          <ul>
            {overlay.legend.map((b) => (
              <li key={b.key} data-bin={b.key} className={b.count === 0 ? 'is-empty' : undefined}>
                <span className="capacity-swatch" style={{ '--swatch': hexCss(b.colour) } as React.CSSProperties} aria-hidden="true" />
                <span className="capacity-legend-label">{t(b.labelKey, b.params)}</span>
                <span className="capacity-legend-count">{b.count}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * "What if UPS-A fails: 4 racks down, 26 degraded, 5.0 kW lost — Esc to clear". Esc anywhere
 * outside a text field clears it (unless something nearer, a dialog or a draft, took the key).
 */
export function WhatIfBanner({ view, testId, className }: { view: WhatIfView; testId: string; className?: string }) {
  const { t } = useTranslation();
  const units = useUnits();
  const clear = useStore((s) => s.setWhatIf);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || isTypingTarget(e.target)) return;
      if (useStore.getState().dialogs.length > 0) return;
      e.preventDefault();
      clear(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [clear]);
  const names = view.failedNames.length <= 3 ? view.failedNames.join(', ') : `${view.failedNames.slice(0, 3).join(', ')} +${view.failedNames.length - 3}`;
  const parts = [
    t('overlay.whatIf.down', { count: view.down }),
    t('overlay.whatIf.degraded', { count: view.degraded }),
    t('overlay.whatIf.lost', { power: units.powerKw(view.lostW / 1000) }),
  ];
  if (view.coolingShort > 0 || view.shortZones.length > 0) parts.push(t('overlay.whatIf.coolingShort', { count: view.shortZones.length }));
  if (view.overloads > 0) parts.push(t('overlay.whatIf.overloads', { count: view.overloads }));
  const severe = view.down > 0 || view.shortZones.length > 0 || view.overloads > 0;
  return (
    <div className={`whatif-banner${severe ? ' is-severe' : ''}${className ? ` ${className}` : ''}`} role="status" data-testid={testId}>
      <Icon name={severe ? 'alertCircle' : 'alert'} size={15} />
      <span className="whatif-text">
        <strong>{t('overlay.whatIf.title', { count: view.failedNames.length, names })}</strong>
        {' '}{parts.join(', ')}
      </span>
      <span className="whatif-esc">{t('overlay.whatIf.escToClear')}</span>
      <button type="button" className="btn-icon btn-icon-sm" onClick={() => clear(null)} aria-label={t('overlay.whatIf.clear')} title={t('overlay.whatIf.clear')} data-testid={`${testId}-clear`}>
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}
