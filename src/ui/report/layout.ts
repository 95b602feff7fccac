/**
 * A small deterministic force-directed layout (Fruchterman–Reingold with a spatial grid for the
 * repulsion and a weak pull to the centre). No randomness: the start positions come from the node
 * order, so the same graph is drawn the same way every time. Bounded work: a fixed number of
 * iterations, each about O(nodes + edges) thanks to the grid, so a few thousand nodes stay interactive.
 */

export interface LayoutOptions {
  width: number;
  height: number;
  /** space kept free at the border (node radius, labels) */
  margin?: number;
  iterations?: number;
  /** filled with the work done (iterations run, node pairs examined for repulsion), to check the bound */
  work?: { iterations: number; pairChecks: number };
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Iterations for a graph of this size: 300 for up to 500 nodes, fewer above so the total work stays
 * about the same (a dense grid cell costs more per step), never under 60.
 */
export function defaultIterations(nodeCount: number): number {
  return Math.max(60, Math.min(300, Math.round(150_000 / Math.max(1, nodeCount))));
}
/** Hard upper bound whatever the caller asks, so a huge case cannot freeze the page. */
export const MAX_ITERATIONS = 1_000;
/** Strength of the pull to the centre, relative to an edge's pull (which is 1). */
const GRAVITY = 0.05;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * @param nodeCount number of nodes (indexes 0..nodeCount-1)
 * @param edges pairs of node indexes
 * @param anchors indexes of nodes placed first on a circle (threads), the rest on a spiral around them
 */
export function forceLayout(nodeCount: number, edges: readonly { source: number; target: number }[], options: LayoutOptions, anchors: readonly number[] = []): Point[] {
  const { width, height } = options;
  const margin = options.margin ?? 20;
  const iterations = Math.max(0, Math.min(MAX_ITERATIONS, Math.floor(options.iterations ?? defaultIterations(nodeCount))));
  if (nodeCount === 0) return [];
  if (nodeCount === 1) return [{ x: width / 2, y: height / 2 }];

  const x = new Float64Array(nodeCount);
  const y = new Float64Array(nodeCount);
  const k = Math.sqrt((width * height) / nodeCount) * 0.75;

  // Start: anchors evenly on a circle, everything else on a sunflower spiral; both deterministic.
  const anchorSet = new Set(anchors.filter((i) => i >= 0 && i < nodeCount));
  const anchorRadius = anchorSet.size > 1 ? Math.min(width, height) * 0.3 : 0;
  [...anchorSet].forEach((node, i) => {
    const angle = (2 * Math.PI * i) / anchorSet.size;
    x[node] = anchorRadius * Math.cos(angle);
    y[node] = anchorRadius * Math.sin(angle);
  });
  let spiral = 0;
  for (let i = 0; i < nodeCount; i++) {
    if (anchorSet.has(i)) continue;
    spiral++;
    const r = k * 0.5 * Math.sqrt(spiral);
    x[i] = r * Math.cos(spiral * GOLDEN_ANGLE);
    y[i] = r * Math.sin(spiral * GOLDEN_ANGLE);
  }

  const dx = new Float64Array(nodeCount);
  const dy = new Float64Array(nodeCount);
  const cutoff = 2 * k;
  const cutoff2 = cutoff * cutoff;
  const gravity = GRAVITY / k;
  // The grid: a linked list of nodes per cell in typed arrays, rebuilt each step without allocating.
  const next = new Int32Array(nodeCount);
  const cellOfNode = new Int32Array(nodeCount);
  let head = new Int32Array(0);

  let temperature = Math.min(width, height) / 8;
  const cooling = temperature / (iterations + 1);

  let pairChecks = 0;
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < nodeCount; i++) {
      if (x[i] < minX) minX = x[i];
      if (x[i] > maxX) maxX = x[i];
      if (y[i] < minY) minY = y[i];
      if (y[i] > maxY) maxY = y[i];
    }
    // Cells at least as wide as the cut-off (so neighbours are in the 3×3 block), and never many more
    // cells than nodes however far the layout spreads.
    const cell = Math.max(cutoff, Math.sqrt(((maxX - minX + 1) * (maxY - minY + 1)) / (4 * nodeCount)));
    const columns = Math.floor((maxX - minX) / cell) + 1;
    const rows = Math.floor((maxY - minY) / cell) + 1;
    if (head.length < columns * rows) head = new Int32Array(columns * rows);
    head.fill(-1, 0, columns * rows);
    for (let i = 0; i < nodeCount; i++) {
      const c = Math.floor((x[i] - minX) / cell) + Math.floor((y[i] - minY) / cell) * columns;
      cellOfNode[i] = c;
      next[i] = head[c];
      head[c] = i;
    }
    // Repulsion k²/d between nodes closer than 2k (the grid variant of Fruchterman–Reingold).
    for (let i = 0; i < nodeCount; i++) {
      const cx = cellOfNode[i] % columns;
      const cy = (cellOfNode[i] - cx) / columns;
      for (let oy = Math.max(0, cy - 1); oy <= Math.min(rows - 1, cy + 1); oy++) {
        for (let ox = Math.max(0, cx - 1); ox <= Math.min(columns - 1, cx + 1); ox++) {
          for (let j = head[ox + oy * columns]; j !== -1; j = next[j]) {
            if (j <= i) continue;
            pairChecks++;
            let ddx = x[i] - x[j];
            let ddy = y[i] - y[j];
            let d2 = ddx * ddx + ddy * ddy;
            if (d2 > cutoff2) continue;
            if (d2 < 1e-6) {
              // Two nodes on the same spot: separate them along a direction fixed by their indexes.
              const angle = ((i * 7919 + j * 104_729) % 360) * (Math.PI / 180);
              ddx = Math.cos(angle) * 0.01;
              ddy = Math.sin(angle) * 0.01;
              d2 = 1e-4;
            }
            const force = (k * k) / d2;
            dx[i] += ddx * force;
            dy[i] += ddy * force;
            dx[j] -= ddx * force;
            dy[j] -= ddy * force;
          }
        }
      }
    }
    // Attraction d²/k along edges.
    for (const edge of edges) {
      const { source: a, target: b } = edge;
      if (a === b || a < 0 || b < 0 || a >= nodeCount || b >= nodeCount) continue;
      const ddx = x[a] - x[b];
      const ddy = y[a] - y[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy);
      if (d === 0) continue;
      const force = d / k;
      dx[a] -= ddx * force;
      dy[a] -= ddy * force;
      dx[b] += ddx * force;
      dy[b] += ddy * force;
    }
    // A pull to the centre keeps separate components together, then moves limited by the temperature.
    for (let i = 0; i < nodeCount; i++) {
      const d = Math.sqrt(x[i] * x[i] + y[i] * y[i]);
      dx[i] -= x[i] * gravity * d;
      dy[i] -= y[i] * gravity * d;
      const move = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (move === 0) continue;
      const limited = Math.min(move, temperature);
      x[i] += (dx[i] / move) * limited;
      y[i] += (dy[i] / move) * limited;
    }
    temperature -= cooling;
  }
  if (options.work) {
    options.work.iterations = iterations;
    options.work.pairChecks = pairChecks;
  }
  return fitInto(x, y, width, height, margin);
}

/** Scales and centres the positions into the box, keeping the aspect ratio. */
function fitInto(x: Float64Array, y: Float64Array, width: number, height: number, margin: number): Point[] {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    minX = Math.min(minX, x[i]);
    maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]);
    maxY = Math.max(maxY, y[i]);
  }
  const spanX = Math.max(maxX - minX, 1e-9);
  const spanY = Math.max(maxY - minY, 1e-9);
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const points: Point[] = [];
  for (let i = 0; i < x.length; i++) {
    points.push({ x: Math.round(((x[i] - minX) * scale + offsetX) * 10) / 10, y: Math.round(((y[i] - minY) * scale + offsetY) * 10) / 10 });
  }
  return points;
}
