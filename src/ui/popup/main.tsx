import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ModelStatusView } from '../../core/views.ts';
import type { AccountRow, TabPageView } from '../../core/view-pages.ts';
import type { Platform, ThreadClusterRef } from '../../core/types.ts';
import { t } from '../shared/i18n.ts';
import { ask, downloadExport } from '../shared/messaging.ts';
import { SaveDiagnostic } from './diagnostic.tsx';
import { EvidencePackButton } from '../shared/EvidencePackButton.tsx';
import { CaptureButton } from './CaptureButton.tsx';

/** How often the popup asks whether its view changed (a few bytes); the view itself only when it did. */
const REFRESH_MS = 1_000;
/** Flagged accounts per page. */
const POPUP_PAGE_SIZE = 50;

type ThreadPage = Extract<TabPageView, { state: 'analysing' | 'ready' }>;

/** The tab the popup describes: the active tab, or ?tabId= when the popup is opened as a page. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function LevelBadge({ level }: { level: string }) {
  return <span class={`level level-${level}`}>{t(`level_${level}`)}</span>;
}

/** The clusters a reason rests on, as the thread's cluster list names them ("Near-identical text · 2000 accounts"). */
function reasonClusters(reason: AccountRow['reasons'][number], clusters: Map<string, ThreadClusterRef>): ThreadClusterRef[] {
  const ids = reason.clusterIds ?? (reason.clusterId ? [reason.clusterId] : []);
  return ids.flatMap((id) => clusters.get(id) ?? []);
}

function AccountItem({ account, tabId, clusters }: { account: AccountRow; tabId: number; clusters: Map<string, ThreadClusterRef> }) {
  const [open, setOpen] = useState(false);
  const name = account.displayName || account.handle || account.accountId;
  const reasonsId = `reasons-${account.platform}-${account.accountId}`;
  return (
    <li class="account" data-account-id={account.accountId}>
      <div class="account-row">
        <LevelBadge level={account.level} />
        <span class="account-name" title={name}>
          {name}
          {account.handle && account.handle.replace(/^@/, '') !== name.replace(/^@/, '') ? <span class="muted"> @{account.handle.replace(/^@/, '')}</span> : null}
        </span>
        {account.simulated ? <span class="simulated-tag">{t('simulatedTag')}</span> : null}
        <span class="account-actions">
          <button type="button" aria-expanded={open} aria-controls={reasonsId} onClick={() => setOpen(!open)}>
            {t('showReasons')}
          </button>
          {account.commentIds.length > 0 ? (
            <button type="button" onClick={() => void ask({ type: 'reveal-comment', tabId, commentId: account.commentIds[0] })}>
              {t('revealComment')}
            </button>
          ) : null}
        </span>
      </div>
      {open ? (
        <ul class="reasons" id={reasonsId}>
          {account.reasons.map((reason) => (
            <li key={reason.signal + reason.detail}>
              {reason.detail}
              {reasonClusters(reason, clusters).map((cluster) => (
                <span class="muted reason-cluster" key={cluster.id} data-cluster-id={cluster.id}>
                  {' '}
                  ({t(`cluster_${cluster.kind.replace(/-/g, '_')}`)} · {t('clusterMembers', String(cluster.accounts))})
                </span>
              ))}
            </li>
          ))}
          {account.unavailable?.length ? <li class="muted">{t('unavailableSignals', account.unavailable.join(', '))}</li> : null}
        </ul>
      ) : null}
    </li>
  );
}

function Exports({ platform, threadId }: { platform: Platform; threadId: string }) {
  const [error, setError] = useState<string | null>(null);
  const run = async (format: 'csv' | 'json' | 'gexf', whole: boolean) => {
    try {
      setError(null);
      await downloadExport({
        type: 'export',
        format,
        scope: whole ? { kind: 'case' } : { kind: 'thread', platform, threadId },
      });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t('exportHeading')}</h2>
      <div class="exports">
        <button type="button" onClick={() => void run('csv', false)}>{t('exportThreadCsv')}</button>
        <button type="button" onClick={() => void run('json', false)}>{t('exportThreadJson')}</button>
        <button type="button" onClick={() => void run('gexf', false)}>{t('exportThreadGexf')}</button>
        <button type="button" onClick={() => void run('csv', true)}>{t('exportCaseCsv')}</button>
        <button type="button" onClick={() => void run('json', true)}>{t('exportCaseJson')}</button>
        <EvidencePackButton scope={{ kind: 'thread', platform, threadId }} label={t('exportThreadEvidence')} />
      </div>
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}

function Pager({ page, onOffset }: { page: ThreadPage['flagged']; onOffset: (offset: number) => void }) {
  if (page.total <= POPUP_PAGE_SIZE) return null;
  const first = page.offset + 1;
  const last = page.offset + page.items.length;
  return (
    <nav class="pager" aria-label={t('pagerLabel')}>
      <button type="button" data-page="previous" disabled={page.offset === 0} onClick={() => onOffset(Math.max(0, page.offset - POPUP_PAGE_SIZE))}>
        {t('pagePrevious')}
      </button>
      <span class="pager-range" data-range={`${first}-${last}/${page.total}`}>
        {t('pageRange', [String(first), String(last), String(page.total)])}
      </span>
      <button type="button" data-page="next" disabled={last >= page.total} onClick={() => onOffset(page.offset + POPUP_PAGE_SIZE)}>
        {t('pageNext')}
      </button>
    </nav>
  );
}

function ThreadView({ view, tabId, onOffset }: { view: ThreadPage; tabId: number; onOffset: (offset: number) => void }) {
  const { summary } = view;
  const flagged = view.flagged;
  const clustersById = useMemo(() => new Map(summary.clusters.map((c) => [c.id, c])), [summary]);
  return (
    <>
      {view.simulated ? <p class="notice" role="note">{t('simulatedNotice')}</p> : null}
      <p>
        {t('threadHeading', [t(`platform_${view.platform}`), view.threadId])} · {t('threadLevel')} <LevelBadge level={summary.level} />
      </p>
      {view.state === 'analysing' && view.progress ? (
        <p aria-live="polite">
          {t('stateAnalysing', [String(view.progress.done), String(view.progress.total)])}
          <progress max={view.progress.total} value={view.progress.done} />
        </p>
      ) : null}
      <dl class="counts">
        <div><dt>{t('countComments')}</dt><dd>{summary.comments}</dd></div>
        <div><dt>{t('countAccounts')}</dt><dd>{summary.accounts}</dd></div>
        <div><dt>{t('countFlagged')}</dt><dd>{summary.flagged.high + summary.flagged.medium}</dd></div>
      </dl>
      <p class="muted">
        {t('flaggedShare')}: {Math.round(summary.flaggedCommentShare * 100)}%
      </p>
      {summary.unavailable.length ? <p class="muted">{t('unavailableSignals', summary.unavailable.join(', '))}</p> : null}
      {flagged.total === 0 && view.state === 'ready' ? <p class="notice" role="status">{t('stateNothingSuspicious')}</p> : null}
      {summary.clusters.length ? (
        <section aria-labelledby="clusters-heading">
          <h2 id="clusters-heading">{t('clustersHeading')}</h2>
          {summary.clusters.map((cluster) => (
            <div class="cluster" key={cluster.id} data-cluster-id={cluster.id}>
              <strong>{t(`cluster_${cluster.kind.replace(/-/g, '_')}`)}</strong> · {t('clusterMembers', String(cluster.accounts))}
              <q>{cluster.sampleText}</q>
            </div>
          ))}
        </section>
      ) : null}
      {flagged.total ? (
        <section aria-labelledby="accounts-heading">
          <h2 id="accounts-heading">{t('accountsHeading')}</h2>
          <ul class="plain" id="flagged-accounts" data-offset={flagged.offset} data-total={flagged.total}>
            {flagged.items.map((account) => (
              <AccountItem key={account.accountId} account={account} tabId={tabId} clusters={clustersById} />
            ))}
          </ul>
          <Pager page={flagged} onOffset={onOffset} />
        </section>
      ) : null}
      <label class="toggle">
        <input
          type="checkbox"
          checked={view.overlays}
          onChange={(e) => void ask({ type: 'set-overlays', platform: view.platform, enabled: (e.target as HTMLInputElement).checked })}
        />
        {t('overlaysToggle')}
      </label>
      <CaptureButton tabId={tabId} />
      <Exports platform={view.platform} threadId={view.threadId} />
    </>
  );
}

function StateMessage({ view }: { view: TabPageView }) {
  switch (view.state) {
    case 'unsupported':
      return <p role="status">{t('stateUnsupported')}</p>;
    case 'disabled':
      return <p role="status">{t('stateDisabled', t(`platform_${view.platform}`))}</p>;
    case 'not-thread':
      return <p role="status">{t('stateNotThread')}</p>;
    case 'layout-unrecognised':
      return <p role="status" class="notice" data-state="layout-unrecognised">{t('stateLayoutUnrecognised')}</p>;
    case 'waiting':
      return <p role="status">{t('stateWaiting')}</p>;
    default:
      return null;
  }
}

function Popup() {
  const [tabId, setTabId] = useState<number>();
  const [view, setView] = useState<TabPageView>();
  const [offset, setOffset] = useState(0);
  const [model, setModel] = useState<ModelStatusView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void targetTabId().then(setTabId);
    void ask<ModelStatusView>({ type: 'model-status' }).then(setModel, (e) => setModel({ ok: false, error: String(e) }));
  }, []);

  // Asks for the page (summary + flagged accounts offset..offset+50) at start, when the user pages, and
  // when the background's version for this tab moved; in between only the version, every second.
  useEffect(() => {
    if (tabId === undefined) return;
    let stopped = false;
    let shown: string | undefined;
    let busy = false;
    const fetchPage = async () => {
      const next = await ask<TabPageView>({ type: 'get-tab-page', tabId, offset, limit: POPUP_PAGE_SIZE });
      if (stopped) return;
      shown = next.version;
      setView(next);
      setError(undefined);
    };
    const refresh = async () => {
      if (busy) return;
      busy = true;
      try {
        if (shown === undefined) await fetchPage();
        else {
          const { version } = await ask<{ version: string }>({ type: 'get-tab-version', tabId });
          if (!stopped && version !== shown) await fetchPage();
        }
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      } finally {
        busy = false;
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tabId, offset]);

  return (
    <main data-state={view?.state ?? 'loading'}>
      <header>
        <img src="/icons/icon-48.png" alt="" />
        <h1>{t('popupTitle')}</h1>
      </header>
      {error ? <p role="alert">{t('stateError', error)}</p> : null}
      {model && !model.ok ? <p class="notice" role="status" data-model="unavailable">{t('stateModelUnavailable')}</p> : null}
      {view?.storageError ? (
        <p role="alert" data-storage="error">
          {view.storageError === 'storage full' ? t('stateStorageFull') : t('stateStorageError', view.storageError)}
        </p>
      ) : null}
      {view && tabId !== undefined && (view.state === 'ready' || view.state === 'analysing') ? (
        <ThreadView view={view} tabId={tabId} onOffset={setOffset} />
      ) : view ? (
        <StateMessage view={view} />
      ) : null}
      {view && 'threadId' in view && view.threadId ? <SaveDiagnostic platform={view.platform} threadId={view.threadId} /> : null}
      <div class="footer">
        <button type="button" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('src/ui/report/index.html') })}>
          {t('openReport')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>{t('openOptions')}</button>
      </div>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
