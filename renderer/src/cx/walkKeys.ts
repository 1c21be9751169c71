/**
 * What walk mode does outside React: run a cx command as the actor, answer an item (prompting
 * first for what onFail or a signature requires), the walk keys of actions.ts (P / F / N, J / K,
 * Shift+J) and publishing the built-in templates. Kept apart from the components so the action
 * registry can import it without loading the workspace.
 */
import type { CxActorPref } from '../../../core/api';
import type { AnswerValue } from '../../../core/cx/evaluate';
import { itemStatus, NA } from '../../../core/cx/evaluate';
import type { ItemStatus } from '../../../core/cx/expr';
import { isValidSignOff } from '../../../core/cx/gating';
import { answersOf, nextIncomplete, planEnv } from '../../../core/cx/progress';
import type { Item } from '../../../core/cx/template';
import { call } from '../api/client';
import { i18n } from '../i18n';
import { useStore } from '../state/store';
import { actorArg } from './actor';
import { useCx } from './cxState';
import type { InstanceView } from './logic';
import { instanceView, newerVersion, stepItem, walkItems } from './logic';

export function reportError(err: unknown): void {
  useStore.getState().pushToast({ tone: 'error', message: err instanceof Error ? err.message : String(err) });
}

/** Runs a cx command as the current actor, or asks who is walking first. */
export async function runAs(fn: (actor: CxActorPref) => Promise<unknown>): Promise<boolean> {
  const actor = useStore.getState().prefs.cxActor;
  if (!actor) {
    useCx.getState().setModal({ kind: 'actor' });
    return false;
  }
  try {
    await fn(actor);
    return true;
  } catch (err) {
    reportError(err);
    return false;
  }
}


export async function publishBuiltins(setBusy?: (b: boolean) => void): Promise<void> {
  setBusy?.(true);
  await runAs(async (actor) => {
    const list = await call('cx.templates.builtin', {});
    for (const tpl of list) await call('cmd.template.publish', { yaml: tpl.yaml, actor: actorArg(actor) });
    useStore.getState().pushToast({ tone: 'success', message: i18n.t('cx.published', { count: list.length }) });
  });
  setBusy?.(false);
}


/** The status an answer would get, to prompt for onFail before sending (the command refuses otherwise). */
export function prospectiveStatus(view: InstanceView, item: Item, value: unknown): ItemStatus | null {
  const answers = answersOf(view.answers.filter((a) => a.itemId !== item.id));
  answers[item.id] = value as AnswerValue;
  return itemStatus(item, value as AnswerValue, planEnv(view.plan!, answers));
}

/** Valid sign-offs covering an item: changing it needs a reason (and invalidates them). */
export function signedCovering(view: InstanceView, itemId: string) {
  return view.signOffs.filter((s) => isValidSignOff(s) && s.covers.includes(itemId));
}

/**
 * Answers the current item. A failing value whose template asks for a note / photo / issue, or
 * a change under a valid signature, opens the matching prompt first.
 */
export async function answerItem(view: InstanceView, item: Item, value: unknown, extra: { note?: string; photoIds?: string[]; reason?: string } = {}): Promise<void> {
  const status = value === null ? null : prospectiveStatus(view, item, value);
  const onFail = item.onFail;
  const needsFailPrompt = status === 'fail' && onFail && (onFail.requireNote || onFail.requirePhoto || onFail.raiseIssue) && extra.note === undefined;
  const signed = signedCovering(view, item.id);
  if (needsFailPrompt) {
    useCx.getState().setModal({ kind: 'fail', itemId: item.id, value });
    return;
  }
  if (signed.length > 0 && !extra.reason) {
    useCx.getState().setModal({ kind: 'reason', itemId: item.id, value, ...(extra.note !== undefined ? { note: extra.note } : {}), ...(extra.photoIds ? { photoIds: extra.photoIds } : {}) });
    return;
  }
  const prev = view.answerByItem.get(item.id);
  // Clearing (value null) deletes the answer with its evidence: nothing else to send.
  const note = value === null ? undefined : extra.note ?? prev?.note;
  const photoIds = value === null ? undefined : extra.photoIds ?? prev?.photoIds;
  const shownBefore = useCx.getState().itemId;
  await runAs(async (actor) => {
    await call('cmd.cx.answer', {
      instanceId: view.instance.id, itemId: item.id, value,
      ...(note ? { note } : {}), ...(photoIds?.length ? { photoIds } : {}), ...(extra.reason ? { reason: extra.reason } : {}),
      actor: actorArg(actor),
    });
    // Move on after a verdict, as a paper walk does; a failed item stays for its evidence. Only if
    // the walker has not moved on already while the answer was on its way (J, Shift+J typed fast).
    const cx = useCx.getState();
    if ((status === 'pass' || status === 'na') && cx.instanceId === view.instance.id && cx.itemId === shownBefore) {
      const items = walkItems(instanceView(useStore.getState().snapshot!, view.instance.id)!);
      useCx.getState().setItem(stepItem(items, item.id, 1));
    }
  });
}

export function currentItem(view: InstanceView, items: Item[], itemId: string | null): Item | null {
  return items.find((i) => i.id === itemId) ?? items[0] ?? null;
}

/** The walk keys (actions.ts `cx.*`): P / F / N on the current item, J / K, Shift+J, Delete / Backspace clears. */
export function cxWalkKey(key: 'pass' | 'fail' | 'na' | 'next' | 'prev' | 'nextIncomplete' | 'clear'): void {
  const snap = useStore.getState().snapshot;
  const cx = useCx.getState();
  if (!snap || !cx.instanceId) return;
  const view = instanceView(snap, cx.instanceId);
  if (!view || view.gate.length > 0) return;
  const items = walkItems(view);
  const item = currentItem(view, items, cx.itemId);
  if (!item) return;
  if (key === 'next' || key === 'prev') {
    cx.setItem(stepItem(items, item.id, key === 'next' ? 1 : -1));
    return;
  }
  if (key === 'nextIncomplete') {
    const next = nextIncomplete(view.plan!, answersOf(view.answers), item.id);
    if (next) cx.setItem(next);
    else useStore.getState().pushToast({ tone: 'success', message: i18n.t('cx.walk.allDone') });
    return;
  }
  if (key === 'clear') {
    // Only a recorded answer can be cleared (a table's rows are cleared row by row in the table).
    if (item.type !== 'table' && view.answerByItem.has(item.id)) void answerItem(view, item, null);
    return;
  }
  if (item.type !== 'check' && !(key === 'na' && item.allowNA)) return;
  if (key === 'na' && !item.allowNA) return;
  const value = key === 'na' ? (item.type === 'check' ? 'na' : NA) : key;
  void answerItem(view, item, value);
}

/** Whether the walk keys apply: the walk is on screen with a startable checklist and no prompt open. */
export function cxWalkKeysActive(): boolean {
  const cx = useCx.getState();
  const s = useStore.getState();
  return s.workspace === 'commission' && cx.tab === 'walk' && cx.instanceId !== null && cx.modal === null;
}


/** The item on screen while the walk keys apply, with its checklist (null when gated or nothing shown). */
export function walkTarget(): { view: InstanceView; item: Item } | null {
  const snap = useStore.getState().snapshot;
  const cx = useCx.getState();
  if (!snap || !cx.instanceId) return null;
  const view = instanceView(snap, cx.instanceId);
  if (!view || view.gate.length > 0) return null;
  const item = currentItem(view, walkItems(view), cx.itemId);
  return item ? { view, item } : null;
}

/** Keys 1–9 on a choice item pick option n (in the template's order, the order of the buttons). */
export function cxChooseKey(n: number): boolean {
  const target = walkTarget();
  if (!target || target.item.type !== 'choice') return false;
  const option = target.item.options[n - 1];
  if (!option) return false;
  void answerItem(target.view, target.item, option.value);
  return true;
}

/** L: focus the checklist list (the open checklist's entry), where ↑ / ↓ move and Enter opens. */
export function cxFocusList(): void {
  const cx = useCx.getState();
  const list = document.querySelector<HTMLElement>('[data-testid="cx-assets"]');
  const current = cx.instanceId ? list?.querySelector<HTMLElement>(`.cx-inst[aria-current="true"]`) : null;
  (current ?? list?.querySelector<HTMLElement>('.cx-inst'))?.focus();
}

/** E: put the caret in the current item's first field (text, number, table cell, date). Esc leaves it. */
export function cxEditItem(): void {
  document.querySelector<HTMLElement>('[data-testid="cx-item"] :is(input:not([type="file"]), textarea, select)')?.focus();
}

/** Whether the checklist on screen is complete and not yet signed: the S key opens the final sign-off. */
export function cxCanSignFinal(): boolean {
  const snap = useStore.getState().snapshot;
  const id = useCx.getState().instanceId;
  const view = snap && id ? instanceView(snap, id) : null;
  return !!view?.progress?.complete && view.gate.length === 0 && !view.signOffs.some((s) => s.scope === 'final' && isValidSignOff(s));
}

/** U: the checklist on screen has a newer published template version to upgrade to. */
export function cxUpgradeTarget(): string | null {
  const snap = useStore.getState().snapshot;
  const id = useCx.getState().instanceId;
  const inst = snap && id ? snap.cxInstances[id] : undefined;
  return inst && newerVersion(snap!, inst) !== null ? inst.id : null;
}
