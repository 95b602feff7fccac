import { buildDemoSite, demoAvailable, type DemoSite } from '../../src/demo/demo-site.ts';
import { SHARED_ROOT } from '../helpers/shared.ts';

export function demoFixtureAvailable(): boolean {
  const ok = demoAvailable(SHARED_ROOT);
  if (!ok) console.warn('[skip] ../shared has no demo snapshot or face folders: browser tests on the demo thread are skipped');
  return ok;
}

export async function loadDemo(): Promise<DemoSite> {
  return buildDemoSite(SHARED_ROOT);
}
