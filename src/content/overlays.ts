/**
 * Badges beside assessed authors. Each badge lives in a closed shadow root on its own host element, so the
 * page's CSS and scripts cannot reach into it and ours cannot leak out; names and reasons are set with
 * textContent only. Everything is removed when the thread's AbortSignal fires or overlays are toggled off.
 */
import type { TabMessage } from '../core/messages.ts';
import type { Level } from '../core/types.ts';
import { adapterFor } from '../platforms/index.ts';
import type { PageInfo } from '../platforms/detect.ts';

type Verdict = Extract<TabMessage, { type: 'verdicts' }>['verdicts'][number];

const HOST_TAG = 'amplifier-lens-badge';
const HIGHLIGHT_MS = 2_500;

const COLOURS: Record<Level, { background: string; text: string }> = {
  high: { background: '#b3261e', text: '#ffffff' },
  medium: { background: '#f0b429', text: '#1f1300' },
  low: { background: '#5f6b7a', text: '#ffffff' },
  unsure: { background: '#dde3ea', text: '#1b2430' },
};

const STYLE = `
:host { all: initial; display: inline-block; position: relative; vertical-align: middle; margin-inline-start: 6px; line-height: 1; }
button { font: 600 11px/1.4 system-ui, sans-serif; border: 0; border-radius: 9px; padding: 1px 7px; cursor: pointer; }
button:focus-visible { outline: 2px solid #1a73e8; outline-offset: 2px; }
.panel { position: absolute; z-index: 2147483647; top: calc(100% + 4px); inset-inline-start: 0; width: max-content; max-width: 340px;
  background: #ffffff; color: #1b2430; border: 1px solid #8a94a3; border-radius: 6px; padding: 8px 10px;
  font: 12px/1.45 system-ui, sans-serif; box-shadow: 0 4px 14px rgba(0,0,0,.18); white-space: normal; text-align: start; }
.panel[hidden] { display: none; }
.panel h2 { font: 600 12px/1.4 system-ui, sans-serif; margin: 0 0 4px; }
.panel ul { margin: 0; padding-inline-start: 16px; }
.panel li { margin: 2px 0; }
.panel p { margin: 6px 0 0; color: #4a5563; }
`;

/** The words a badge shows, from the extension's locale (browser.i18n.getMessage). */
export type Translate = (key: string, substitutions?: string | string[]) => string;

interface Badge {
  host: HTMLElement;
  anchor: Element;
  /** what the badge says; a verdict that says something else gets a new badge */
  look: string;
}

const lookOf = (verdict: Verdict) => JSON.stringify([verdict.level, Math.round(verdict.score * 100), verdict.reasons.map((r) => r.detail)]);

export class OverlayController {
  private signal: AbortSignal | null = null;
  private page: (PageInfo & { threadId: string }) | null = null;
  private enabled = false;
  private showLow = false;
  private verdicts: Verdict[] = [];
  /** by comment id */
  private badges = new Map<string, Badge>();
  private readonly t: Translate;
  private readonly document: Document;

  constructor(options: { translate: Translate; document?: Document }) {
    this.t = options.translate;
    this.document = options.document ?? document;
  }

  /** Forgets the previous thread; its badges go away when that thread's signal aborts. */
  reset(signal: AbortSignal) {
    this.signal = signal;
    this.page = null;
    this.verdicts = [];
    signal.addEventListener('abort', () => this.removeAll(), { once: true });
  }

  configure(options: { page: PageInfo & { threadId: string }; enabled: boolean; showLow: boolean }) {
    this.page = options.page;
    this.enabled = options.enabled;
    this.showLow = options.showLow;
  }

  setEnabled(enabled: boolean) {
    this.enabled = enabled;
    if (enabled) this.render();
    else this.removeAll();
  }

  setVerdicts(verdicts: Verdict[]) {
    this.verdicts = verdicts;
    this.render();
  }

  /** Number of badges currently on the page (used by the popup's status and by tests). */
  get count() {
    return this.badges.size;
  }

  reveal(commentId: string) {
    if (!this.page) return;
    const element = adapterFor(this.page.platform).elementForComment(this.document, commentId) as HTMLElement | null;
    if (!element) return;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const previous = element.style.outline;
    element.style.outline = '3px solid #1a73e8';
    setTimeout(() => {
      element.style.outline = previous;
    }, HIGHLIGHT_MS);
  }

  private visible(verdict: Verdict) {
    return verdict.level === 'high' || verdict.level === 'medium' || (this.showLow && verdict.level === 'low');
  }

  /**
   * Brings the badges in line with the verdicts: adds missing ones, replaces those whose verdict now says
   * something else, removes those no longer wanted (a dismissed account, a level below the threshold).
   * One pass over the page's comment blocks, whatever the number of flagged comments.
   */
  private render() {
    if (!this.enabled || !this.page || this.signal?.aborted) return;
    const wanted = new Map<string, Verdict>();
    for (const verdict of this.verdicts) {
      if (!this.visible(verdict)) continue;
      for (const commentId of verdict.commentIds) if (!wanted.has(commentId)) wanted.set(commentId, verdict);
    }
    const anchors = wanted.size > 0 ? adapterFor(this.page.platform).authorAnchorsById(this.document) : new Map<string, Element>();
    for (const [commentId, badge] of this.badges) {
      const verdict = wanted.get(commentId);
      // The page may have re-rendered the comment (its anchor replaced, our host dropped).
      if (verdict && badge.host.isConnected && anchors.get(commentId) === badge.anchor && badge.look === lookOf(verdict)) continue;
      badge.host.remove();
      this.badges.delete(commentId);
    }
    for (const [commentId, verdict] of wanted) {
      if (this.badges.has(commentId)) continue;
      const anchor = anchors.get(commentId);
      if (!anchor?.parentNode) continue;
      const host = this.createBadge(verdict);
      anchor.after(host);
      this.badges.set(commentId, { host, anchor, look: lookOf(verdict) });
    }
  }

  private removeAll() {
    for (const badge of this.badges.values()) badge.host.remove();
    this.badges.clear();
  }

  private createBadge(verdict: Verdict): HTMLElement {
    const host = this.document.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.document.createElement('style');
    style.textContent = STYLE;
    const button = this.document.createElement('button');
    const colours = COLOURS[verdict.level];
    button.style.background = colours.background;
    button.style.color = colours.text;
    button.textContent = this.t(`level_${verdict.level}`);
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-label', this.t('badgeLabel', [this.t(`level_${verdict.level}`)]));

    const panel = this.document.createElement('div');
    panel.className = 'panel';
    panel.hidden = true;
    panel.setAttribute('role', 'dialog');
    const heading = this.document.createElement('h2');
    heading.textContent = this.t('badgeHeading', [this.t(`level_${verdict.level}`), String(Math.round(verdict.score * 100))]);
    const list = this.document.createElement('ul');
    for (const reason of verdict.reasons) {
      const item = this.document.createElement('li');
      item.textContent = reason.detail;
      list.append(item);
    }
    const caveat = this.document.createElement('p');
    caveat.textContent = this.t('badgeCaveat');
    panel.append(heading, list, caveat);
    root.append(style, button, panel);

    const toggle = (open: boolean) => {
      panel.hidden = !open;
      button.setAttribute('aria-expanded', String(open));
    };
    // Keep our clicks and keys to ourselves: the badge sits inside the page's comment markup.
    for (const type of ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown'] as const) {
      host.addEventListener(type, (event) => event.stopPropagation());
    }
    button.addEventListener('click', (event) => {
      event.preventDefault();
      toggle(panel.hidden === true);
    });
    host.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape') {
        toggle(false);
        button.focus();
      }
    });
    return host;
  }
}
