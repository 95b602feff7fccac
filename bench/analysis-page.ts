/**
 * The analysis bench inside a browser page (bundled by bench/analysis.bench.ts): the engine the
 * extension runs on, not Node's. `runAnalysisBench()` analyses the bench thread from scratch: the
 * first run of a fresh page (cold), three full-size warm-up runs, then `runs` measured ones.
 */
import { CaseAnalyzer } from '../src/core/analyze.ts';
import { benchThread } from './analysis-thread.ts';

function runAnalysisBench(runs: number): { coldMs: number; steadyMs: number[]; verdicts: number; flagged: number } {
  const { full, base } = benchThread();
  const once = () => {
    const t0 = performance.now();
    const analyzer = new CaseAnalyzer({ avatarScores: full.avatarScores });
    analyzer.add(base);
    const verdicts = analyzer.verdicts();
    return { ms: performance.now() - t0, verdicts };
  };
  const cold = once();
  for (let run = 0; run < 3; run++) once();
  const steadyMs: number[] = [];
  let last = cold;
  for (let run = 0; run < runs; run++) {
    last = once();
    steadyMs.push(last.ms);
  }
  const flagged = last.verdicts.filter((v) => v.level === 'medium' || v.level === 'high').length;
  return { coldMs: cold.ms, steadyMs, verdicts: last.verdicts.length, flagged };
}

(globalThis as { runAnalysisBench?: typeof runAnalysisBench }).runAnalysisBench = runAnalysisBench;
