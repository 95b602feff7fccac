import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { ask, downloadExport } from '../shared/messaging.ts';
import { EvidencePackButton } from '../shared/EvidencePackButton.tsx';
import {
  accountKeyOf,
  buildNetwork,
  displayName,
  isFlagged,
  repeatAccounts,
  reviewAccounts,
  safePlatformUrl,
  threadEntries,
  threadKeyOf,
  type AccountView,
  type CaseReply,
  MAX_GRAPH_ACCOUNTS,
  type Network,
  type NetworkNode,
  type ThreadEntry,
} from './case-model.ts';
import { GraphLegend, NetworkGraph } from './NetworkGraph.tsx';

const NOTE_SAVE_DELAY_MS = 700;
/** Review rows drawn at first and added per "show more": hundreds of rows with a textarea each are slow. */
const ROWS_PER_PAGE = 100;

const dateFormat = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' });

function When({ iso }: { iso?: string }) {
  if (!iso) return <span class="muted">–</span>;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? <span>{iso}</span> : <time dateTime={iso}>{dateFormat.format(date)}</time>;
}

function LevelBadge({ level }: { level: string }) {
  return <span class={`level level-${level}`}>{t(`level_${level}`)}</span>;
}

/** A signal's name from _locales (signal_near_duplicate…); its machine name when none is defined. */
function signalName(signal: string): string {
  return browser.i18n.getMessage(`signal_${signal.replace(/[^A-Za-z0-9]/g, '_')}`) || signal;
}

const score100 = (score: number) => String(Math.round(score * 100));

/** Element ids built from account keys would carry page data; rows are numbered instead. */
function useRowIds(accounts: AccountView[]) {
  return useMemo(() => new Map(accounts.map((a, i) => [accountKeyOf(a), `acct-${i}`])), [accounts]);
}

function ThreadLink({ entry }: { entry: ThreadEntry }) {
  const text = entry.title ? `${entry.title} (${entry.threadId})` : entry.threadId;
  return entry.url ? (
    <a href={entry.url} target="_blank" rel="noopener noreferrer" class="thread-link">
      {text}
    </a>
  ) : (
    <span class="thread-link">{text}</span>
  );
}

function AccountName({ account }: { account: AccountView }) {
  const name = displayName(account);
  const handle = account.handle?.replace(/^@/, '');
  const profile = safePlatformUrl(account.platform, account.profileUrl);
  return (
    <span class="account-name">
      {profile ? (
        <a href={profile} target="_blank" rel="noopener noreferrer">
          {name}
        </a>
      ) : (
        <span>{name}</span>
      )}
      {handle && handle !== name.replace(/^@/, '') ? <span class="muted handle"> @{handle}</span> : null}
      <span class="muted platform"> · {t(`platform_${account.platform}`)}</span>
      {account.simulated ? <span class="simulated-tag"> {t('simulatedTag')}</span> : null}
    </span>
  );
}

function ThreadsTable({ threads }: { threads: ThreadEntry[] }) {
  return (
    <table aria-labelledby="threads-heading" id="threads-table">
      <thead>
        <tr>
          <th scope="col">{t('reportColPlatform')}</th>
          <th scope="col">{t('reportColThread')}</th>
          <th scope="col">{t('reportColFirstSeen')}</th>
          <th scope="col">{t('reportColLastSeen')}</th>
          <th scope="col" class="num">{t('countComments')}</th>
          <th scope="col" class="num">{t('countAccounts')}</th>
          <th scope="col" class="num">{t('countFlagged')}</th>
          <th scope="col">{t('threadLevel')}</th>
        </tr>
      </thead>
      <tbody>
        {threads.map((entry) => (
          <tr key={entry.key} data-thread-key={entry.key}>
            <td>{t(`platform_${entry.platform}`)}</td>
            <th scope="row" class="row-head">
              <ThreadLink entry={entry} />
            </th>
            <td><When iso={entry.firstSeen} /></td>
            <td><When iso={entry.lastSeen} /></td>
            <td class="num">{entry.comments}</td>
            <td class="num">{entry.accounts}</td>
            <td class="num">{entry.flagged}</td>
            <td><LevelBadge level={entry.level} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ThreadList({ account, threadsByKey }: { account: AccountView; threadsByKey: Map<string, ThreadEntry> }) {
  return (
    <ul class="inline-list">
      {[...new Set(account.threads)].sort().map((threadId) => {
        const entry = threadsByKey.get(threadKeyOf(account.platform, threadId));
        return <li key={threadId}>{entry ? <ThreadLink entry={entry} /> : threadId}</li>;
      })}
    </ul>
  );
}

function RepeatTable({ accounts, threadsByKey, onFocusAccount }: { accounts: AccountView[]; threadsByKey: Map<string, ThreadEntry>; onFocusAccount: (key?: string) => void }) {
  if (accounts.length === 0) return <p class="muted" data-empty="repeat">{t('reportNoRepeat')}</p>;
  return (
    <table aria-labelledby="repeat-heading" id="repeat-table">
      <thead>
        <tr>
          <th scope="col">{t('reportColAccount')}</th>
          <th scope="col">{t('reportColLevel')}</th>
          <th scope="col" class="num">{t('reportColScore')}</th>
          <th scope="col" class="num">{t('countComments')}</th>
          <th scope="col">{t('reportColThreads')}</th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((account) => {
          const key = accountKeyOf(account);
          return (
            <tr
              key={key}
              data-account-id={account.accountId}
              onMouseEnter={() => onFocusAccount(`a|${key}`)}
              onMouseLeave={() => onFocusAccount(undefined)}
              onFocusIn={() => onFocusAccount(`a|${key}`)}
            >
              <th scope="row" class="row-head"><AccountName account={account} /></th>
              <td><LevelBadge level={account.level} /></td>
              <td class="num">{score100(account.score)}</td>
              <td class="num">{account.comments}</td>
              <td><ThreadList account={account} threadsByKey={threadsByKey} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** A note saved shortly after typing stops and when the field is left; says when it is saved. */
function NoteField({ account, rowId }: { account: AccountView; rowId: string }) {
  const [value, setValue] = useState(account.note ?? '');
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState('');
  const saved = useRef(account.note ?? '');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(value);
  latest.current = value;

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    const note = latest.current;
    if (note === saved.current) return;
    setState('saving');
    try {
      await ask({ type: 'set-note', platform: account.platform, accountId: account.accountId, note });
      saved.current = note;
      setState(latest.current === note ? 'saved' : 'saving');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setState('error');
    }
  }, [account.platform, account.accountId]);

  // Typing then leaving (row hidden, tab closed or reloaded) still sends the note, best effort.
  useEffect(() => {
    const flush = () => void save();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [save]);

  const name = displayName(account);
  return (
    <div class="note">
      <label class="visually-hidden" for={`${rowId}-note`}>
        {t('reportNoteFor', name)}
      </label>
      <textarea
        id={`${rowId}-note`}
        rows={2}
        maxLength={5000}
        value={value}
        aria-describedby={`${rowId}-note-state`}
        onInput={(e) => {
          setValue((e.target as HTMLTextAreaElement).value);
          latest.current = (e.target as HTMLTextAreaElement).value;
          setState('idle');
          clearTimeout(timer.current);
          timer.current = setTimeout(() => void save(), NOTE_SAVE_DELAY_MS);
        }}
        onBlur={() => void save()}
      />
      <span id={`${rowId}-note-state`} class={`note-state note-${state}`} data-note-state={state} aria-live="polite">
        {state === 'saving' ? t('reportNoteSaving') : state === 'saved' ? t('reportNoteSaved') : state === 'error' ? t('reportNoteError', error) : ''}
      </span>
    </div>
  );
}

function AccountRows({
  account,
  rowId,
  threadsByKey,
  onLabel,
  onFocusAccount,
  selected,
}: {
  account: AccountView;
  rowId: string;
  threadsByKey: Map<string, ThreadEntry>;
  onLabel: (account: AccountView, label: 'confirmed' | 'dismissed' | null) => Promise<void>;
  onFocusAccount: (key?: string) => void;
  selected: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = displayName(account);
  const key = `a|${accountKeyOf(account)}`;
  const reasons = account.reasons;
  return (
    <>
      <tr
        id={rowId}
        class={`account-row${selected ? ' selected' : ''}${isFlagged(account) ? '' : ' not-flagged'}`}
        data-account-id={account.accountId}
        data-level={account.level}
        onMouseEnter={() => onFocusAccount(key)}
        onMouseLeave={() => onFocusAccount(undefined)}
        onFocusIn={() => onFocusAccount(key)}
      >
        <th scope="row" class="row-head">
          <AccountName account={account} />
        </th>
        <td><LevelBadge level={account.level} /></td>
        <td class="num">{score100(account.score)}</td>
        <td class="num">{account.comments}</td>
        <td><ThreadList account={account} threadsByKey={threadsByKey} /></td>
        <td>
          <label class="visually-hidden" for={`${rowId}-label`}>
            {t('reportLabelFor', name)}
          </label>
          <select
            id={`${rowId}-label`}
            class={`label-select label-${account.label ?? 'none'}`}
            value={account.label ?? ''}
            disabled={busy}
            onChange={async (e) => {
              const value = (e.target as HTMLSelectElement).value;
              setBusy(true);
              try {
                await onLabel(account, value === 'confirmed' || value === 'dismissed' ? value : null);
              } finally {
                setBusy(false);
              }
            }}
          >
            <option value="">{t('labelNone')}</option>
            <option value="confirmed">{t('labelConfirmed')}</option>
            <option value="dismissed">{t('labelDismissed')}</option>
          </select>
        </td>
        <td class="note-cell">
          <NoteField account={account} rowId={rowId} />
        </td>
        <td>
          <button
            type="button"
            class="reasons-toggle"
            aria-expanded={open}
            aria-controls={`${rowId}-reasons`}
            aria-label={t('reportReasonsFor', [name, String(reasons.length)])}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true" class="chevron">{open ? '▾' : '▸'}</span> {t('showReasons')} ({reasons.length})
          </button>
        </td>
      </tr>
      <tr id={`${rowId}-reasons`} class="reasons-row" hidden={!open}>
        <td colSpan={8}>
          <ul class="reasons">
            {reasons.map((reason, i) => (
              <li key={`${reason.signal}-${i}`}>
                <span class="signal">{signalName(reason.signal)}</span>
                {reason.weight > 0 ? <span class="weight"> +{score100(reason.weight)}</span> : null}
                <span class="detail"> {reason.detail}</span>
              </li>
            ))}
            {account.unavailable?.length ? <li class="muted">{t('unavailableSignals', account.unavailable.join(', '))}</li> : null}
          </ul>
        </td>
      </tr>
    </>
  );
}

function AccountsTable(props: {
  accounts: AccountView[];
  rowIds: Map<string, string>;
  threadsByKey: Map<string, ThreadEntry>;
  onLabel: (account: AccountView, label: 'confirmed' | 'dismissed' | null) => Promise<void>;
  onFocusAccount: (key?: string) => void;
  selected?: string;
  limit: number;
  onShowMore: () => void;
}) {
  if (props.accounts.length === 0) return <p class="muted" data-empty="accounts">{t('reportNoAccounts')}</p>;
  const hidden = props.accounts.length - props.limit;
  return (
    <>
      <table aria-labelledby="accounts-heading" id="accounts-table" class="accounts">
        <thead>
          <tr>
            <th scope="col">{t('reportColAccount')}</th>
            <th scope="col">{t('reportColLevel')}</th>
            <th scope="col" class="num">{t('reportColScore')}</th>
            <th scope="col" class="num">{t('countComments')}</th>
            <th scope="col">{t('reportColThreads')}</th>
            <th scope="col">{t('reportColLabel')}</th>
            <th scope="col">{t('noteLabel')}</th>
            <th scope="col">{t('showReasons')}</th>
          </tr>
        </thead>
        <tbody>
          {props.accounts.slice(0, props.limit).map((account) => {
            const key = accountKeyOf(account);
            return (
              <AccountRows
                key={key}
                account={account}
                rowId={props.rowIds.get(key)!}
                threadsByKey={props.threadsByKey}
                onLabel={props.onLabel}
                onFocusAccount={props.onFocusAccount}
                selected={props.selected === `a|${key}`}
              />
            );
          })}
        </tbody>
      </table>
      {hidden > 0 ? (
        <p class="more">
          <button type="button" onClick={props.onShowMore}>
            {t('reportShowMore', [String(Math.min(hidden, ROWS_PER_PAGE)), String(props.accounts.length)])}
          </button>
        </p>
      ) : null}
    </>
  );
}

function Exports({ onStatus }: { onStatus: (text: string) => void }) {
  const run = async (format: 'csv' | 'json' | 'gexf') => {
    try {
      const filename = await downloadExport({ type: 'export', format, scope: { kind: 'case' } });
      onStatus(t('reportExported', filename));
    } catch (e) {
      onStatus(t('stateError', e instanceof Error ? e.message : String(e)));
    }
  };
  return (
    <div class="exports" role="group" aria-label={t('exportHeading')}>
      <button type="button" data-export="csv" onClick={() => void run('csv')}>{t('exportCaseCsv')}</button>
      <button type="button" data-export="json" onClick={() => void run('json')}>{t('exportCaseJson')}</button>
      <button type="button" data-export="gexf" onClick={() => void run('gexf')}>{t('exportCaseGexf')}</button>
      <EvidencePackButton scope={{ kind: 'case' }} label={t('exportCaseEvidence')} />
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function CaseView({ reply, reload, announce }: { reply: CaseReply; reload: () => Promise<void>; announce: (text: string) => void }) {
  const [showAll, setShowAll] = useState(false);
  const hover = useMemo(() => new Hover(), []);
  const setHovered = hover.set;
  const [selected, setSelected] = useState<string>();
  const threads = useMemo(() => threadEntries(reply), [reply]);
  const threadsByKey = useMemo(() => new Map(threads.map((e) => [e.key, e])), [threads]);
  const network = useMemo(() => buildNetwork(reply, threads), [reply, threads]);
  const repeat = useMemo(() => repeatAccounts(reply.accounts), [reply]);
  const review = useMemo(() => reviewAccounts(reply.accounts, showAll), [reply, showAll]);
  const rowIds = useRowIds(review);
  const flaggedCount = reply.accounts.filter(isFlagged).length;
  const comments = threads.reduce((sum, e) => sum + e.comments, 0);

  const onLabel = async (account: AccountView, label: 'confirmed' | 'dismissed' | null) => {
    try {
      await ask({ type: 'set-label', platform: account.platform, accountId: account.accountId, label });
      await reload();
      announce(t('reportLabelSaved', displayName(account)));
    } catch (e) {
      announce(t('stateError', e instanceof Error ? e.message : String(e)));
    }
  };

  const [limit, setLimit] = useState(ROWS_PER_PAGE);
  const scrollTo = useRef<NetworkNode | undefined>(undefined);

  const onSelectAccount = (node: NetworkNode) => {
    setSelected(node.key);
    const index = review.findIndex((a) => a.platform === node.platform && a.accountId === node.id);
    if (index >= limit) setLimit(Math.ceil((index + 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE);
    scrollTo.current = node;
  };

  // After the render that shows the selected account's row: bring it into view and put focus on it.
  useEffect(() => {
    const node = scrollTo.current;
    if (!node) return;
    scrollTo.current = undefined;
    const rowId = rowIds.get(`${node.platform}:${node.id}`);
    const row = rowId ? document.getElementById(rowId) : null;
    if (row) {
      row.scrollIntoView({ block: 'center', behavior: 'smooth' });
      row.querySelector<HTMLElement>('select')?.focus({ preventScroll: true });
    } else {
      document.querySelector<HTMLElement>(`#repeat-table tr[data-account-id="${CSS.escape(node.id)}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  });

  return (
    <>
      <dl class="stats">
        <Stat label={t('reportColThreads')} value={threads.length} />
        <Stat label={t('countComments')} value={comments} />
        <Stat label={t('countAccounts')} value={reply.accounts.length} />
        <Stat label={t('countFlagged')} value={flaggedCount} />
        <Stat label={t('reportCountRepeat')} value={repeat.length} />
      </dl>

      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">{t('reportThreads')}</h2>
        <ThreadsTable threads={threads} />
      </section>

      <section aria-labelledby="graph-heading" class="graph-section">
        <h2 id="graph-heading">{t('reportGraph')}</h2>
        <p id="graph-help" class="muted">{t('reportGraphHelp')}</p>
        <GraphLegend />
        {network.omittedAccounts > 0 ? (
          <p class="notice graph-capped" role="note" data-omitted={network.omittedAccounts}>
            {t('reportGraphCapped', [String(network.nodes.length - threads.length), String(reply.accounts.length), String(MAX_GRAPH_ACCOUNTS)])}
          </p>
        ) : null}
        <LiveGraph network={network} hover={hover} selected={selected} onSelectAccount={onSelectAccount} />
        <p id="graph-alt" class="muted small">
          {t('reportGraphAlternative')}{' '}
          <a href="#threads-heading">{t('reportThreads')}</a> · <a href="#repeat-heading">{t('reportRepeatAccounts')}</a> ·{' '}
          <a href="#accounts-heading">{t('reportAccounts')}</a>
        </p>
      </section>

      <section aria-labelledby="repeat-heading">
        <h2 id="repeat-heading">{t('reportRepeatAccounts')}</h2>
        <RepeatTable accounts={repeat} threadsByKey={threadsByKey} onFocusAccount={setHovered} />
      </section>

      <section aria-labelledby="accounts-heading">
        <div class="section-head">
          <h2 id="accounts-heading">{t('reportAccounts')}</h2>
          <label class="toggle">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll((e.target as HTMLInputElement).checked)} />
            {t('reportShowAll')}
          </label>
        </div>
        <p class="muted small">{t('badgeCaveat')}</p>
        <AccountsTable
          accounts={review}
          rowIds={rowIds}
          threadsByKey={threadsByKey}
          onLabel={onLabel}
          onFocusAccount={setHovered}
          selected={selected}
          limit={limit}
          onShowMore={() => setLimit(limit + ROWS_PER_PAGE)}
        />
      </section>
    </>
  );
}

/**
 * The account the pointer or keyboard is on in a table. Kept outside Preact state so that moving along
 * hundreds of rows re-renders only the graph, not the tables.
 */
class Hover {
  private current: string | undefined;
  private listeners = new Set<(key: string | undefined) => void>();
  set = (key: string | undefined) => {
    if (key === this.current) return;
    this.current = key;
    for (const listener of this.listeners) listener(key);
  };
  subscribe(listener: (key: string | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function LiveGraph({ network, hover, selected, onSelectAccount }: { network: Network; hover: Hover; selected?: string; onSelectAccount: (node: NetworkNode) => void }) {
  const [hovered, setHovered] = useState<string>();
  useEffect(() => hover.subscribe(setHovered), [hover]);
  return <NetworkGraph network={network} highlighted={hovered ?? selected} onSelectAccount={onSelectAccount} describedBy="graph-help graph-alt" />;
}

type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; reply: CaseReply };

const isEmpty = (reply: CaseReply) => reply.threads.length === 0 && reply.summaries.length === 0 && reply.accounts.length === 0;

function Report() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [status, setStatus] = useState('');

  const reload = useCallback(async () => {
    try {
      setLoad({ state: 'ready', reply: await ask<CaseReply>({ type: 'get-case' }) });
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    document.title = t('reportTitle');
    document.documentElement.lang = browser.i18n.getUILanguage();
    void reload();
    // Coming back from browsing: show what was read meanwhile. Notes keep their unsaved text (keyed rows).
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const dataState = load.state === 'ready' ? (isEmpty(load.reply) ? 'empty' : 'ready') : load.state;
  return (
    <main data-state={dataState}>
      <header class="report-header">
        <div class="title">
          <img src="/icons/icon-48.png" alt="" width={32} height={32} />
          <h1>{t('reportTitle')}</h1>
        </div>
        {dataState === 'ready' ? <Exports onStatus={setStatus} /> : null}
      </header>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
      {load.state === 'loading' ? <p role="status">{t('reportLoading')}</p> : null}
      {load.state === 'error' ? <p role="alert" class="notice">{t('stateError', load.error)}</p> : null}
      {dataState === 'empty' ? (
        <p class="notice empty" role="status">
          {t('reportEmpty')}
        </p>
      ) : null}
      {load.state === 'ready' && dataState === 'ready' ? <CaseView reply={load.reply} reload={reload} announce={setStatus} /> : null}
    </main>
  );
}

render(<Report />, document.getElementById('app')!);
