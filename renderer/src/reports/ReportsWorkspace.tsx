/**
 * The Reports workspace (UI.md "Reports workspace", issue 6 §3 and §5): choose the report and its
 * options, preview it, export it to PDF or HTML with a progress bar and Cancel; the data exports
 * (CSV, XLSX, NetBox, plenum/1 JSON) sit next to it. File → Export… lands here.
 *
 * The preview is the report's own self-contained HTML in `<iframe sandbox srcdoc>`: no scripts,
 * an opaque origin, and the page's CSP (inline styles, data: images) still applies
 * (docs/security.md). It is made on demand, as a job with progress like an export.
 */
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportKind } from '../../../core/api';
import { apiMode } from '../api/client';
import { runAction } from '../app/actions';
import { Icon } from '../components/Icon';
import { useStore } from '../state/store';
import type { JobView } from './logic';
import { formatBytes, phaseText, roomChoices } from './logic';
import { cancelJob, loadKinds, optionsKey, revealResult, runDataExport, runPreview, runReport, useReports } from './reportsState';
import './reports.css';

/** Small projects get their preview at once; big ones on request (it is a whole report). */
const AUTO_PREVIEW_MAX_RACKS = 300;

export function ReportsWorkspace() {
  const { t } = useTranslation();
  const snapshot = useStore((s) => s.snapshot);
  const language = useStore((s) => s.prefs.language);
  const options = useReports((s) => s.options);
  const setOptions = useReports((s) => s.setOptions);
  const kinds = useReports((s) => s.kinds);
  const job = useReports((s) => s.job);
  const previewJob = useReports((s) => s.previewJob);
  const preview = useReports((s) => s.preview);
  const exportFocus = useReports((s) => s.exportFocus);
  const exportRef = useRef<HTMLButtonElement>(null);
  const ids = useId();

  const rooms = roomChoices(snapshot);
  const rackCount = snapshot ? Object.keys(snapshot.racks).length : 0;
  const empty = rooms.length === 0;
  const running = job?.state === 'running';
  const previewRunning = previewJob?.state === 'running';
  const stale = preview !== null && preview.optionsKey !== optionsKey(options);

  useEffect(() => {
    void loadKinds();
  }, []);

  // The report's language follows the app's until the user picks one here.
  const langTouched = useRef(false);
  useEffect(() => {
    if (!langTouched.current) setOptions({ lang: language });
  }, [language, setOptions]);

  // A room deleted since it was chosen: back to every room.
  useEffect(() => {
    if (options.room && snapshot && !snapshot.rooms[options.room]) setOptions({ room: '' });
  }, [options.room, snapshot, setOptions]);

  useEffect(() => {
    if (exportFocus > 0) exportRef.current?.focus();
  }, [exportFocus]);

  useEffect(() => {
    const s = useReports.getState();
    if (!empty && !s.preview && !s.previewJob && rackCount <= AUTO_PREVIEW_MAX_RACKS) void runPreview();
    // Only on opening the workspace: later previews are the user's call.
  }, []);

  // Only kinds this build has strings for; the operations report appears once main offers it (report.kinds).
  const offered: ReportKind[] = (kinds ?? ['design']).filter((k) => (['design', 'cx', 'ops'] as string[]).includes(k));

  return (
    <div className="reports" data-testid="reports-workspace">
      <aside className="reports-side" aria-label={t('reports.title')}>
        <h1 className="reports-title">{t('reports.title')}</h1>

        <fieldset className="reports-group">
          <legend>{t('reports.kind.label')}</legend>
          {offered.map((k) => (
            <label key={k} className="reports-radio">
              <input type="radio" name={`${ids}-kind`} value={k} checked={options.kind === k} onChange={() => setOptions({ kind: k })} disabled={running} data-testid={`reports-kind-${k}`} />
              <span>
                <span className="reports-radio-title">{t(`reports.kind.${k}`)}</span>
                <span className="reports-radio-hint">{t(`reports.kind.${k}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>

        <fieldset className="reports-group reports-options">
          <legend>{t('reports.options.label')}</legend>
          <label className="reports-field">
            <span>{t('reports.options.room')}</span>
            <select className="input" value={options.room} onChange={(e) => setOptions({ room: e.target.value })} disabled={running || empty} data-testid="reports-room">
              <option value="">{t('reports.options.allRooms', { count: rooms.length })}</option>
              {rooms.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
            </select>
          </label>
          <div className="reports-row">
            <label className="reports-field">
              <span>{t('reports.options.paper')}</span>
              <select className="input" value={options.paper} onChange={(e) => setOptions({ paper: e.target.value as 'a4' | 'letter' })} disabled={running} data-testid="reports-paper">
                <option value="a4">A4</option>
                <option value="letter">{t('reports.options.letter')}</option>
              </select>
            </label>
            <label className="reports-field">
              <span>{t('reports.options.language')}</span>
              <select
                className="input" value={options.lang} disabled={running} data-testid="reports-lang"
                onChange={(e) => {
                  langTouched.current = true;
                  setOptions({ lang: e.target.value as 'en' | 'fr' });
                }}
              >
                <option value="en">English</option>
                <option value="fr">Français</option>
              </select>
            </label>
          </div>
          <div className="reports-row">
            <label className="reports-field">
              <span>{t('reports.options.revision')}</span>
              <input className="input" value={options.revision} maxLength={60} onChange={(e) => setOptions({ revision: e.target.value })} disabled={running} data-testid="reports-revision" />
            </label>
            <label className="reports-field">
              <span>{t('reports.options.author')}</span>
              <input className="input" value={options.author} maxLength={120} onChange={(e) => setOptions({ author: e.target.value })} disabled={running} data-testid="reports-author" />
            </label>
          </div>
        </fieldset>

        <div className="reports-group">
          <h2 className="reports-h2">{t('reports.export.label')}</h2>
          <div className="reports-buttons">
            <button type="button" ref={exportRef} className="btn btn-primary" onClick={() => void runReport('pdf')} disabled={running || empty} data-testid="reports-export-pdf">
              <Icon name="download" size={14} />{t('reports.export.pdf')}
            </button>
            <button type="button" className="btn" onClick={() => void runReport('html')} disabled={running || empty} data-testid="reports-export-html">
              <Icon name="download" size={14} />{t('reports.export.html')}
            </button>
          </div>
        </div>

        <div className="reports-group">
          <h2 className="reports-h2">{t('reports.data.label')}</h2>
          <p className="reports-hint">{apiMode() === 'electron' ? t('reports.data.hintFolder') : t('reports.data.hintDownload')}</p>
          <div className="reports-buttons">
            {(['csv', 'xlsx', 'netbox'] as const).map((f) => (
              <button key={f} type="button" className="btn" onClick={() => void runDataExport(f)} disabled={running} data-testid={`reports-data-${f}`}>
                {t(`reports.data.${f}`)}
              </button>
            ))}
            <button type="button" className="btn" onClick={() => runAction('project.exportJson')} disabled={running} data-testid="reports-data-json">
              {t('reports.data.json')}
            </button>
          </div>
        </div>

        <JobStatus job={job} />
      </aside>

      <main className="reports-main" aria-label={t('reports.preview.label')}>
        <div className="reports-toolbar">
          <h2 className="reports-h2">{t('reports.preview.label')}</h2>
          {stale && <span className="reports-stale" data-testid="reports-preview-stale">{t('reports.preview.stale')}</span>}
          {previewRunning && previewJob && <PreviewProgress job={previewJob} />}
          <button type="button" className="btn btn-sm" onClick={() => void runPreview()} disabled={previewRunning || empty} data-testid="reports-preview">
            <Icon name="restore" size={14} />{preview ? t('reports.preview.refresh') : t('reports.preview.make')}
          </button>
        </div>
        {previewJob?.state === 'failed' && (
          <div className="banner banner-danger" role="alert" data-testid="reports-preview-error">
            <Icon name="alertCircle" size={14} /><span>{t('reports.preview.failed', { message: previewJob.error?.message ?? '' })}</span>
          </div>
        )}
        {empty ? (
          <div className="empty-state reports-empty" data-testid="reports-empty">
            <h2>{t('reports.empty.title')}</h2>
            <p>{t('reports.empty.body')}</p>
            <div className="empty-actions">
              <button type="button" className="btn btn-primary" onClick={() => useStore.getState().setWorkspace('design')}>{t('reports.empty.toDesign')}</button>
            </div>
          </div>
        ) : preview ? (
          // sandbox="" : no scripts, no forms, no top navigation, an opaque origin.
          <iframe className="reports-frame" sandbox="" srcDoc={preview.html} title={t('reports.preview.frameTitle')} data-testid="reports-preview-frame" />
        ) : (
          <div className="empty-state reports-empty" data-testid="reports-preview-hint">
            <p>{previewRunning ? t('reports.job.preview') : rackCount > AUTO_PREVIEW_MAX_RACKS ? t('reports.preview.bigHint', { count: rackCount }) : t('reports.preview.hint')}</p>
          </div>
        )}
      </main>
    </div>
  );
}

/** The preview's own progress, in the preview's toolbar: it never blocks an export. */
function PreviewProgress({ job }: { job: JobView }) {
  const { t } = useTranslation();
  const phase = phaseText(job.phase);
  return (
    <div className="reports-preview-progress" data-testid="reports-preview-progress">
      <span className="reports-phase" aria-live="polite">{job.cancelling ? t('reports.job.cancelling') : t(phase.key, { name: phase.name })}</span>
      <div className="reports-bar reports-bar-small" role="progressbar" aria-label={t('reports.job.preview')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.done}>
        <div className="reports-bar-fill" style={{ width: `${job.done}%` }} />
      </div>
      <button type="button" className="btn btn-sm" onClick={() => void cancelJob('previewJob')} disabled={job.cancelling} data-testid="reports-preview-cancel">{t('reports.job.cancel')}</button>
    </div>
  );
}

function JobStatus({ job }: { job: JobView | null }) {
  const { t, i18n } = useTranslation();
  if (!job) return null;
  const what = job.purpose.kind === 'preview' ? t('reports.job.preview') : job.purpose.kind === 'report' ? t('reports.job.report', { format: job.purpose.format.toUpperCase() }) : t(`reports.data.${job.purpose.format}`);
  const phase = phaseText(job.phase);
  return (
    <div className={`reports-job is-${job.state}`} data-testid="reports-job" data-state={job.state}>
      {job.state === 'running' ? (
        <>
          <div className="reports-job-head">
            <span className="reports-job-what">{what}</span>
            <span className="reports-job-pct">{t('reports.job.percent', { pct: job.done })}</span>
          </div>
          <div className="reports-bar" role="progressbar" aria-label={what} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.done} data-testid="reports-progress">
            <div className="reports-bar-fill" style={{ width: `${job.done}%` }} />
          </div>
          <div className="reports-job-foot">
            <span className="reports-phase" aria-live="polite" data-testid="reports-phase">{job.cancelling ? t('reports.job.cancelling') : t(phase.key, { name: phase.name })}</span>
            <button type="button" className="btn btn-sm" onClick={() => void cancelJob()} disabled={job.cancelling} data-testid="reports-cancel">{t('reports.job.cancel')}</button>
          </div>
        </>
      ) : (
        <div className="reports-result" role="status" data-testid="reports-result">
          <Icon name={job.state === 'done' ? 'checkCircle' : job.state === 'failed' ? 'alertCircle' : 'info'} size={14} />
          <span className="reports-result-text">
            {job.state === 'done' && job.result ? (
              <>
                <strong>{job.purpose.kind === 'preview' ? t('reports.job.previewDone') : (job.result.path ?? job.result.filename)}</strong>
                {' · '}{formatBytes(job.result.bytes, i18n.language)}
                {job.result.pages ? <>{' · '}{t('reports.job.pages', { count: job.result.pages })}</> : null}
                {job.result.files && job.result.files.length > 1 ? <>{' · '}{t('reports.job.files', { count: job.result.files.length })}</> : null}
                {job.result.warnings?.map((w) => <span key={w} className="reports-warning">{w}</span>)}
              </>
            ) : job.state === 'cancelled' ? t('reports.job.cancelled') : t('reports.job.failed', { message: job.error?.message ?? '' })}
          </span>
          {job.state === 'done' && job.result?.path && (
            <button type="button" className="btn btn-sm" onClick={() => void revealResult()} data-testid="reports-reveal">
              <Icon name="folderOpen" size={14} />{t('reports.job.openFolder')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
