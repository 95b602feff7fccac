/**
 * "Save a diagnostic": shown when the page held comments that could not be read. The fragment is already
 * in the extension's storage; the button saves it as a file on this computer (nothing is sent anywhere),
 * for the user to pass to the maintainers if they choose.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Platform } from '../../core/types.ts';
import { diagnosticFileName, type Diagnostic } from '../../platforms/diagnostic.ts';
import { t } from '../shared/i18n.ts';
import { ask, saveFile } from '../shared/messaging.ts';

const CHECK_MS = 2_000;

export function SaveDiagnostic({ platform, threadId }: { platform: Platform; threadId: string }) {
  const [diagnostic, setDiagnostic] = useState<Diagnostic | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let stopped = false;
    const check = () =>
      void ask<{ diagnostic: Diagnostic | null }>({ type: 'get-diagnostic', platform, threadId }).then(
        (reply) => {
          if (stopped || !reply.diagnostic) return;
          setDiagnostic(reply.diagnostic);
          // One is enough to offer; the background keeps the newest if the page reports again.
          stopped = true;
          clearInterval(timer);
        },
        () => undefined,
      );
    const timer = setInterval(check, CHECK_MS);
    check();
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [platform, threadId]);

  if (!diagnostic) return null;
  const save = () => {
    saveFile(diagnosticFileName(diagnostic), 'application/json', `${JSON.stringify(diagnostic, null, 2)}\n`);
    setSaved(true);
  };
  return (
    <section class="diagnostic" aria-labelledby="diagnostic-heading" data-diagnostic={diagnostic.source}>
      <h2 id="diagnostic-heading">{t('diagnosticHeading')}</h2>
      <p>{diagnostic.reason}</p>
      <p class="muted">{t('diagnosticExplain')}</p>
      <button type="button" onClick={save}>{t('diagnosticSave')}</button>
      {saved ? <p role="status" class="muted">{t('diagnosticSaved')}</p> : null}
    </section>
  );
}
