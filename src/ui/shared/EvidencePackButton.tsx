import { useState } from 'preact/hooks';
import type { PackScope } from '../../core/export/evidence-transfer.ts';
import { buildEvidencePack } from './evidence-pack-builder.ts';
import { t } from './i18n.ts';
import { saveFile } from './messaging.ts';

/** "Evidence pack" button: builds the pack here from pages of data, saves it, and says its SHA-256. */
export function EvidencePackButton({ scope, label }: { scope: PackScope; label: string }) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const pack = await buildEvidencePack(scope, (done, total) => setStatus(t('evidenceBuilding', [String(done), String(total)])));
      saveFile(pack.filename, pack.blob.type, pack.blob);
      setStatus(t('evidenceSaved', [pack.filename, pack.sha256]));
    } catch (e) {
      setStatus(t('stateError', e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="evidence-pack" style={{ flexBasis: '100%' }}>
      <button type="button" data-export="evidence" disabled={busy} aria-busy={busy} onClick={() => void run()}>
        {label}
      </button>
      <span
        class="evidence-status muted"
        style={{ display: 'block', overflowWrap: 'anywhere' }}
        role="status"
        aria-live="polite"
        data-evidence-status={busy ? 'building' : status ? 'done' : 'idle'}
      >
        {status}
      </span>
    </span>
  );
}
