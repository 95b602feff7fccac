import { useMemo } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import browser from 'webextension-polyfill';
import type { Network, NetworkEdge, NetworkNode } from './case-model.ts';
import { forceLayout } from './layout.ts';

const WIDTH = 1000;
const HEIGHT = 560;

/** Smaller marks when the graph is crowded, so nodes stay distinguishable. */
function sizes(nodeCount: number) {
  if (nodeCount > 1500) return { account: 2.5, repeatExtra: 1.5, thread: 5 };
  if (nodeCount > 600) return { account: 3.5, repeatExtra: 2, thread: 6 };
  return { account: 5.5, repeatExtra: 2.5, thread: 8 };
}

function nodeTitle(node: NetworkNode): string {
  if (node.kind === 'thread') {
    return `${t('threadHeading', [t(`platform_${node.platform}`), node.id])} · ${t('countComments')}: ${node.comments} · ${t('countAccounts')}: ${node.degree}`;
  }
  return t('reportNodeAccount', [node.label, t(`level_${node.level}`), String(Math.round(node.score * 100)), String(node.degree)]);
}

/** Colours for coordination groups; groups past the palette reuse it (the group number is in the title). */
const GROUP_COLOURS = 8;
const groupClass = (group: number | undefined) => (group === undefined ? '' : ` group-${group % GROUP_COLOURS}`);

/** A kind of evidence in words (link_near_duplicate…); its machine name when none is defined. */
export function linkKindName(kind: string): string {
  return browser.i18n.getMessage(`link_${kind.replace(/[^A-Za-z0-9]/g, '_')}`) || kind;
}

function edgeTitle(edge: NetworkEdge, nodes: NetworkNode[]): string {
  return t('reportEdgeCoordination', [nodes[edge.source].label, nodes[edge.target].label, (edge.kinds ?? []).map(linkKindName).join(', '), String(edge.group ?? 0)]);
}

export interface NetworkGraphProps {
  network: Network;
  /** node key to emphasise (the row the user is on in the tables) */
  highlighted?: string;
  onSelectAccount?: (node: NetworkNode) => void;
  /** ids of the elements that describe the graph in text */
  describedBy: string;
}

/**
 * The co-occurrence network as SVG: threads as squares, accounts as circles coloured by level,
 * accounts seen in several threads ringed and drawn on top. Every label is a text node (page data is
 * never markup). The picture is role="img"; its text alternative is the tables (aria-describedby).
 */
export function NetworkGraph({ network, highlighted, onSelectAccount, describedBy }: NetworkGraphProps) {
  const { nodes, edges } = network;
  // Layout depends only on the graph's shape, so a label change recolours without moving anything.
  const shape = useMemo(() => nodes.map((n) => n.key).join('\n') + '\n' + edges.map((e) => `${e.source}-${e.target}`).join(','), [nodes, edges]);
  const { positions, layoutMs } = useMemo(() => {
    const started = performance.now();
    const anchors = nodes.flatMap((n, i) => (n.kind === 'thread' ? [i] : []));
    const positions = forceLayout(nodes.length, edges, { width: WIDTH, height: HEIGHT, margin: 28 }, anchors);
    return { positions, layoutMs: Math.round(performance.now() - started) };
  }, [shape]);
  const size = sizes(nodes.length);
  const threadCount = nodes.filter((n) => n.kind === 'thread').length;
  const showThreadLabels = threadCount <= 40;
  // Draw order: threads, plain accounts, accounts in several threads, then the highlighted one.
  const order = nodes
    .map((node, index) => ({ node, index }))
    .sort((a, b) => rank(a.node, highlighted) - rank(b.node, highlighted) || a.index - b.index);

  return (
    <svg
      class="graph"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby="graph-summary"
      aria-describedby={describedBy}
      data-nodes={nodes.length}
      data-edges={edges.length}
      data-layout-ms={layoutMs}
    >
      <title id="graph-summary">
        {t('reportGraphSummary', [String(nodes.length - threadCount), String(threadCount), String(edges.length)])}
      </title>
      <g class="edges">
        {edges.map((edge) => {
          const a = positions[edge.source];
          const b = positions[edge.target];
          const on = highlighted !== undefined && (nodes[edge.source].key === highlighted || nodes[edge.target].key === highlighted);
          if (edge.kind === 'coordination') {
            return (
              <line
                key={`${edge.source}-${edge.target}`}
                class={`edge edge-coordination${groupClass(edge.group)}${on ? ' edge-highlighted' : ''}`}
                data-kinds={edge.kinds?.join(' ')}
                data-group={edge.group}
                data-a={nodes[edge.source].id}
                data-b={nodes[edge.target].id}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                stroke-width={Math.min(3.5, 1 + 0.5 * Math.log2(edge.comments + 1))}
              >
                <title>{edgeTitle(edge, nodes)}</title>
              </line>
            );
          }
          return (
            <line
              key={`${edge.source}-${edge.target}`}
              class={`edge edge-thread${edge.repeat ? ' edge-repeat' : ''}${on ? ' edge-highlighted' : ''}`}
              x1={a.x}
              y1={a.y}
              x2={b.x}
              y2={b.y}
              stroke-width={Math.min(3, 0.6 + 0.4 * Math.log2(edge.comments + 1))}
            />
          );
        })}
      </g>
      <g class="nodes">
        {order.map(({ node, index }) => {
          const p = positions[index];
          if (node.kind === 'thread') {
            const half = size.thread;
            return (
              <g key={node.key} class={`node node-thread level-${node.level}`} data-kind="thread" data-platform={node.platform} data-thread-id={node.id}>
                <title>{nodeTitle(node)}</title>
                <rect x={p.x - half} y={p.y - half} width={half * 2} height={half * 2} rx={2} />
              </g>
            );
          }
          const r = size.account + (node.repeat ? size.repeatExtra : 0) + (node.key === highlighted ? 3 : 0);
          return (
            <circle
              key={node.key}
              class={`node node-account level-${node.level}${node.repeat ? ' repeat' : ''}${node.group !== undefined ? ` grouped${groupClass(node.group)}` : ''}${node.key === highlighted ? ' highlighted' : ''}`}
              data-kind="account"
              data-group={node.group}
              data-platform={node.platform}
              data-account-id={node.id}
              data-level={node.level}
              data-repeat={node.repeat ? 'true' : undefined}
              cx={p.x}
              cy={p.y}
              r={r}
              onClick={onSelectAccount ? () => onSelectAccount(node) : undefined}
            >
              <title>{nodeTitle(node)}</title>
            </circle>
          );
        })}
      </g>
      {showThreadLabels ? (
        // Labels last, so no mark covers them.
        <g class="labels" aria-hidden="true">
          {nodes.map((node, index) =>
            node.kind === 'thread' ? (
              <text key={node.key} class="thread-label" x={positions[index].x} y={positions[index].y - size.thread - 5} text-anchor="middle">
                {truncate(node.label, 28)}
              </text>
            ) : null,
          )}
        </g>
      ) : null}
    </svg>
  );
}

function rank(node: NetworkNode, highlighted: string | undefined): number {
  if (node.key === highlighted) return 3;
  if (node.kind === 'thread') return 0;
  return node.repeat ? 2 : 1;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** The key to the picture, in HTML so it scales with the text and is read by screen readers. */
export function GraphLegend({ network }: { network: Network }) {
  const levels = ['high', 'medium', 'low', 'unsure'] as const;
  return (
    <ul class="legend" aria-label={t('reportLegend')}>
      <li>
        <svg viewBox="0 0 16 16" aria-hidden="true" class="swatch">
          <rect class="node-thread" x="2" y="2" width="12" height="12" rx="2" />
        </svg>
        {t('reportLegendThread')}
      </li>
      {levels.map((level) => (
        <li key={level}>
          <svg viewBox="0 0 16 16" aria-hidden="true" class="swatch">
            <circle class={`node-account level-${level}`} cx="8" cy="8" r="5.5" />
          </svg>
          {t('reportLegendAccount', t(`level_${level}`))}
        </li>
      ))}
      <li>
        <svg viewBox="0 0 16 16" aria-hidden="true" class="swatch">
          <circle class="node-account level-low repeat" cx="8" cy="8" r="5.5" />
        </svg>
        {t('reportLegendRepeat')}
      </li>
      {Object.entries(network.linkKinds)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([kind, count]) => (
          <li key={kind} data-link-kind={kind}>
            <svg viewBox="0 0 16 16" aria-hidden="true" class="swatch">
              <line class="edge edge-coordination" x1="1" y1="8" x2="15" y2="8" stroke-width="2" />
            </svg>
            {t('reportLegendLink', [linkKindName(kind), String(count)])}
          </li>
        ))}
    </ul>
  );
}
