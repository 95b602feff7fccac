import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { ask, downloadExport } from '../shared/messaging.ts';
import { EvidencePackButton } from '../shared/EvidencePackButton.tsx';
import { MAX_PAGE_SIZE } from '../../core/messages.ts';
import type { Platform } from '../../core/types.ts';
import type { Page } from '../../core/view-pages.ts';
import {
  accountKeyOf,
  displayName,
  isFlagged,
  safePlatformUrl,
  threadEntries,
  threadKeyOf,
  type AccountView,
  type CaseList,
  type CaseListPage,
  type CaseSummaryView,
  type CoTravelGroup,
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

function RepeatTable({ list, threadsByKey, onFocusAccount }: { list: PagedList; threadsByKey: Map<string, ThreadEntry>; onFocusAccount: (key?: string) => void }) {
  const accounts = list.rows;
  if (list.total === 0) return <p class="muted" data-empty="repeat">{t('reportNoRepeat')}</p>;
  return (
    <>
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
    <ShowMore list={list} />
    </>
  );
}

/** "Show n more (of total)" under a list that is paged in from the background. */
function ShowMore({ list }: { list: PagedList }) {
  const hidden = list.total - list.rows.length;
  if (hidden <= 0) return null;
  return (
    <p class="more">
      <button type="button" disabled={list.loading} onClick={() => void list.showMore()}>
        {t('reportShowMore', [String(Math.min(hidden, ROWS_PER_PAGE)), String(list.total)])}
      </button>
    </p>
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
  list: PagedList;
  rowIds: Map<string, string>;
  threadsByKey: Map<string, ThreadEntry>;
  onLabel: (account: AccountView, label: 'confirmed' | 'dismissed' | null) => Promise<void>;
  onFocusAccount: (key?: string) => void;
  selected?: string;
}) {
  if (props.list.total === 0) return <p class="muted" data-empty="accounts">{t('reportNoAccounts')}</p>;
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
          {props.list.rows.map((account) => {
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
      <ShowMore list={props.list} />
    </>
  );
}

/**
 * A list of the case's accounts paged in from the background: the first rows, more on demand, and
 * the same number of rows again when the case's version moves (a label, a note, new comments).
 */
interface PagedList {
  rows: AccountView[];
  total: number;
  loading: boolean;
  showMore(): Promise<void>;
  /** loads rows until `index` is among them */
  reach(index: number): Promise<void>;
}

function usePagedList(list: CaseList, version: string, onStale: () => void): PagedList {
  // `of`: the list these rows belong to. Right after the list changes, the rows are still the old list's:
  // until the new list's rows arrive the list reports itself loading, so nobody reads a position from them.
  const [state, setState] = useState<{ rows: AccountView[]; total: number; loading: boolean; of: CaseList }>({ rows: [], total: 0, loading: true, of: list });
  const wanted = useRef(ROWS_PER_PAGE);
  const request = useRef(0);
  const listRef = useRef(list);
  if (listRef.current !== list) {
    listRef.current = list;
    wanted.current = ROWS_PER_PAGE;
  }

  const load = useCallback(
    async (count: number) => {
      const id = ++request.current;
      wanted.current = count;
      setState((s) => ({ ...s, loading: true }));
      const rows: AccountView[] = [];
      let total = 0;
      try {
        do {
          const reply = await ask<CaseListPage>({ type: 'get-case-accounts', list, offset: rows.length, limit: Math.min(MAX_PAGE_SIZE, count - rows.length) });
          if (id !== request.current) return;
          // The case moved on since the summary: fetch the summary again, which reloads this list.
          if (reply.version !== version) return onStale();
          const page: Page<AccountView> = reply.page;
          total = page.total;
          if (page.offset !== rows.length) break;
          rows.push(...page.items);
          if (page.items.length === 0) break;
        } while (rows.length < Math.min(count, total));
      } catch {
        // a failed page keeps what was shown; the next version or "show more" asks again
        if (id === request.current) setState((s) => ({ ...s, loading: false }));
        return;
      }
      if (id === request.current) setState({ rows, total, loading: false, of: list });
    },
    [list, version, onStale],
  );

  useEffect(() => {
    void load(wanted.current);
  }, [load]);

  const current = state.of === list;
  return {
    rows: state.rows,
    total: state.total,
    loading: state.loading || !current,
    showMore: () => load(state.rows.length + ROWS_PER_PAGE),
    reach: async (index: number) => {
      if (current && index < state.rows.length) return;
      await load(Math.ceil((index + 1) / ROWS_PER_PAGE) * ROWS_PER_PAGE);
    },
  };
}

/** How long ago, in words a reader can check: "within 12 min". */
function spread(minutes: number): string {
  return Number.isFinite(minutes) ? t('reportCoTravelSpread', String(Math.round(minutes))) : '–';
}

/** Accounts that appear together in several threads, each time close in time (co-travel clusters). */
function CoTravelGroups({
  groups,
  total,
  threadsByKey,
  onJump,
}: {
  groups: CoTravelGroup[];
  total: number;
  threadsByKey: Map<string, ThreadEntry>;
  onJump: (platform: Platform, accountId: string) => void;
}) {
  if (groups.length === 0) return <p class="muted" data-empty="co-travel">{t('reportNoCoTravel')}</p>;
  return (
    <>
      {total > groups.length ? <p class="muted small">{t('reportCoTravelCapped', [String(groups.length), String(total)])}</p> : null}
      <ol class="co-travel" id="co-travel-list">
        {groups.map((group) => (
          <li key={group.id} data-cluster-id={group.id}>
            <p>
              {t('reportCoTravelGroup', [String(group.memberCount), String(group.visits.length)])}
              {group.log10Chance !== undefined ? <span class="muted"> · {t('reportCoTravelChance', String(Math.round(-group.log10Chance)))}</span> : null}
            </p>
            <ul class="inline-list members">
              {group.members.map((m) => (
                <li key={m.accountId}>
                  <button type="button" class="link-button" data-account-id={m.accountId} onClick={() => onJump(group.platform, m.accountId)}>
                    {m.name}
                  </button>
                </li>
              ))}
              {group.memberCount > group.members.length ? <li class="muted">{t('reportAndMore', String(group.memberCount - group.members.length))}</li> : null}
            </ul>
            <table class="visits">
              <thead>
                <tr>
                  <th scope="col">{t('reportColThread')}</th>
                  <th scope="col" class="num">{t('countAccounts')}</th>
                  <th scope="col">{t('reportColTimeGap')}</th>
                </tr>
              </thead>
              <tbody>
                {group.visits.map((visit) => {
                  const entry = threadsByKey.get(threadKeyOf(group.platform, visit.thread));
                  return (
                    <tr key={visit.thread} data-thread-id={visit.thread}>
                      <td>{entry ? <ThreadLink entry={entry} /> : visit.thread}</td>
                      <td class="num">{visit.accounts}</td>
                      <td>{spread(visit.spreadMinutes)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </li>
        ))}
      </ol>
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

function CaseView({ summary, refresh, announce }: { summary: CaseSummaryView; refresh: () => Promise<void>; announce: (text: string) => void }) {
  const [showAll, setShowAll] = useState(false);
  const hover = useMemo(() => new Hover(), []);
  const setHovered = hover.set;
  const [selected, setSelected] = useState<string>();
  const threads = useMemo(() => threadEntries(summary), [summary]);
  const threadsByKey = useMemo(() => new Map(threads.map((e) => [e.key, e])), [threads]);
  const network = summary.network;
  const onStale = useCallback(() => void refresh(), [refresh]);
  const reviewList: CaseList = showAll ? 'all' : 'review';
  const review = usePagedList(reviewList, summary.version, onStale);
  const repeat = usePagedList('repeat', summary.version, onStale);
  const rowIds = useRowIds(review.rows);

  const onLabel = async (account: AccountView, label: 'confirmed' | 'dismissed' | null) => {
    try {
      await ask({ type: 'set-label', platform: account.platform, accountId: account.accountId, label });
      await refresh();
      announce(t('reportLabelSaved', displayName(account)));
    } catch (e) {
      announce(t('stateError', e instanceof Error ? e.message : String(e)));
    }
  };

  // The account to bring into view once its row is rendered. State, not a ref: setting it must cause a
  // render even when the row is already on screen (nothing else would re-render then).
  const [jumpTarget, setJumpTarget] = useState<{ platform: Platform; id: string } | undefined>(undefined);

  /** Brings an account's row into view: asks where it is in the list shown, and loads rows up to it. */
  const jumpTo = async (platform: Platform, accountId: string) => {
    setSelected(`a|${platform}:${accountId}`);
    try {
      const position = await ask<{ index: number }>({ type: 'get-case-account', list: reviewList, platform, accountId });
      if (position.index < 0) {
        // Not in the review list (neither flagged nor labelled): every account is in "show all".
        setJumpTarget({ platform, id: accountId });
        setShowAll(true);
        return;
      }
      await review.reach(position.index);
      setJumpTarget({ platform, id: accountId });
    } catch (e) {
      announce(t('stateError', e instanceof Error ? e.message : String(e)));
    }
  };
  // Turned on "show all" to reach an account: once that list has loaded, reach it there.
  useEffect(() => {
    const target = jumpTarget;
    if (!target || !showAll || review.loading || rowIds.has(`${target.platform}:${target.id}`)) return;
    void (async () => {
      const position = await ask<{ index: number }>({ type: 'get-case-account', list: 'all', platform: target.platform, accountId: target.id });
      if (position.index >= 0) await review.reach(position.index);
    })();
  }, [jumpTarget, showAll, review.loading]);

  // After the render that shows the target account's row: bring it into view and put focus on it.
  useEffect(() => {
    if (!jumpTarget) return;
    const rowId = rowIds.get(`${jumpTarget.platform}:${jumpTarget.id}`);
    const row = rowId ? document.getElementById(rowId) : null;
    if (!row) return;
    setJumpTarget(undefined);
    row.scrollIntoView({ block: 'center', behavior: 'smooth' });
    row.querySelector<HTMLElement>('select')?.focus({ preventScroll: true });
  });

  const accountNodes = network.nodes.length - threads.length;
  return (
    <>
      <dl class="stats">
        <Stat label={t('reportColThreads')} value={threads.length} />
        <Stat label={t('countComments')} value={summary.counts.comments} />
        <Stat label={t('countAccounts')} value={summary.counts.accounts} />
        <Stat label={t('countFlagged')} value={summary.counts.flagged} />
        <Stat label={t('reportCountRepeat')} value={summary.counts.repeat} />
      </dl>

      <section aria-labelledby="threads-heading">
        <h2 id="threads-heading">{t('reportThreads')}</h2>
        <ThreadsTable threads={threads} />
      </section>

      <section aria-labelledby="graph-heading" class="graph-section">
        <h2 id="graph-heading">{t('reportGraph')}</h2>
        <p id="graph-help" class="muted">{t('reportGraphHelp')}</p>
        <GraphLegend network={network} />
        {network.omittedAccounts > 0 ? (
          <p class="notice graph-capped" role="note" data-omitted={network.omittedAccounts} data-omitted-links={network.omittedLinks}>
            {t('reportGraphCapped', [String(accountNodes), String(summary.counts.accounts), String(MAX_GRAPH_ACCOUNTS)])}{' '}
            {network.omittedLinks > 0 ? t('reportGraphCappedLinks', String(network.omittedLinks)) : null}
          </p>
        ) : null}
        <LiveGraph network={network} hover={hover} selected={selected} onSelectAccount={(node) => void jumpTo(node.platform, node.id)} />
        <p id="graph-alt" class="muted small">
          {t('reportGraphAlternative')}{' '}
          <a href="#threads-heading">{t('reportThreads')}</a> · <a href="#repeat-heading">{t('reportRepeatAccounts')}</a> ·{' '}
          <a href="#co-travel-heading">{t('reportCoTravel')}</a> · <a href="#accounts-heading">{t('reportAccounts')}</a>
        </p>
      </section>

      <section aria-labelledby="co-travel-heading">
        <h2 id="co-travel-heading">{t('reportCoTravel')}</h2>
        <CoTravelGroups groups={summary.coTravel} total={summary.coTravelTotal} threadsByKey={threadsByKey} onJump={(p, id) => void jumpTo(p, id)} />
      </section>

      <section aria-labelledby="repeat-heading">
        <h2 id="repeat-heading">{t('reportRepeatAccounts')}</h2>
        <RepeatTable list={repeat} threadsByKey={threadsByKey} onFocusAccount={setHovered} />
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
          list={review}
          rowIds={rowIds}
          threadsByKey={threadsByKey}
          onLabel={onLabel}
          onFocusAccount={setHovered}
          selected={selected}
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

type Load = { state: 'loading' } | { state: 'error'; error: string } | { state: 'ready'; summary: CaseSummaryView };

const isEmpty = (summary: CaseSummaryView) => summary.threads.length === 0 && summary.summaries.length === 0 && summary.counts.accounts === 0;

function Report() {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [status, setStatus] = useState('');
  const shown = useRef<string | undefined>(undefined);

  // Asks for the cheap version first; the summary (and, through it, the lists) only when it moved.
  const refresh = useCallback(async () => {
    try {
      const { version } = await ask<{ version: string }>({ type: 'get-case-version' });
      if (version === shown.current) return;
      const summary = await ask<CaseSummaryView>({ type: 'get-case-summary' });
      shown.current = summary.version;
      setLoad({ state: 'ready', summary });
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    document.title = t('reportTitle');
    document.documentElement.lang = browser.i18n.getUILanguage();
    void refresh();
    // Coming back from browsing: show what was read meanwhile. Notes keep their unsaved text (keyed rows).
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [refresh]);

  const dataState = load.state === 'ready' ? (isEmpty(load.summary) ? 'empty' : 'ready') : load.state;
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
      {load.state === 'ready' && dataState === 'ready' ? <CaseView summary={load.summary} refresh={refresh} announce={setStatus} /> : null}
    </main>
  );
}

render(<Report />, document.getElementById('app')!);
