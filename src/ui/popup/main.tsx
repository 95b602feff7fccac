import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { AccountView, ExportFile, ModelStatusView, TabView } from '../../core/views.ts';
import type { Platform } from '../../core/types.ts';
import { t } from '../shared/i18n.ts';
import { ask, saveFile } from '../shared/messaging.ts';

const REFRESH_MS = 1_000;

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

function AccountItem({ account, tabId }: { account: AccountView; tabId: number }) {
  const [open, setOpen] = useState(false);
  const name = account.displayName || account.handle || account.accountId;
  const reasonsId = `reasons-${account.platform}-${account.accountId}`;
  return (
    <li class="account">
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
            <li key={reason.signal + reason.detail}>{reason.detail}</li>
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
      const file = await ask<ExportFile>({
        type: 'export',
        format,
        scope: whole ? { kind: 'case' } : { kind: 'thread', platform, threadId },
      });
      saveFile(file.filename, file.mime, file.content);
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
      </div>
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}

function ThreadView({ view, tabId }: { view: Extract<TabView, { state: 'analysing' | 'ready' }>; tabId: number }) {
  const { summary } = view;
  const flagged = view.accounts.filter((a) => a.level === 'high' || a.level === 'medium');
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
      {flagged.length === 0 && view.state === 'ready' ? <p class="notice" role="status">{t('stateNothingSuspicious')}</p> : null}
      {summary.clusters.length ? (
        <section aria-labelledby="clusters-heading">
          <h2 id="clusters-heading">{t('clustersHeading')}</h2>
          {summary.clusters.map((cluster) => (
            <div class="cluster" key={cluster.id}>
              <strong>{t(`cluster_${cluster.kind.replace(/-/g, '_')}`)}</strong> · {t('clusterMembers', String(cluster.accounts))}
              <q>{cluster.sampleText}</q>
            </div>
          ))}
        </section>
      ) : null}
      {flagged.length ? (
        <section aria-labelledby="accounts-heading">
          <h2 id="accounts-heading">{t('accountsHeading')}</h2>
          <ul class="plain">
            {flagged.map((account) => (
              <AccountItem key={account.accountId} account={account} tabId={tabId} />
            ))}
          </ul>
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
      <Exports platform={view.platform} threadId={view.threadId} />
    </>
  );
}

function StateMessage({ view }: { view: TabView }) {
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
  const [view, setView] = useState<TabView>();
  const [model, setModel] = useState<ModelStatusView>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    void targetTabId().then(setTabId);
    void ask<ModelStatusView>({ type: 'model-status' }).then(setModel, (e) => setModel({ ok: false, error: String(e) }));
  }, []);

  useEffect(() => {
    if (tabId === undefined) return;
    let stopped = false;
    const refresh = async () => {
      try {
        const next = await ask<TabView>({ type: 'get-tab-view', tabId });
        if (!stopped) {
          setView(next);
          setError(undefined);
        }
      } catch (e) {
        if (!stopped) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [tabId]);

  return (
    <main data-state={view?.state ?? 'loading'}>
      <header>
        <img src="/icons/icon-48.png" alt="" />
        <h1>{t('popupTitle')}</h1>
      </header>
      {error ? <p role="alert">{t('stateError', error)}</p> : null}
      {model && !model.ok ? <p class="notice" role="status" data-model="unavailable">{t('stateModelUnavailable')}</p> : null}
      {view && tabId !== undefined && (view.state === 'ready' || view.state === 'analysing') ? (
        <ThreadView view={view} tabId={tabId} />
      ) : view ? (
        <StateMessage view={view} />
      ) : null}
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
