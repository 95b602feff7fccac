// Main-world content-script entry (document_start): open the private channel and install the hook.
// Exports nothing on purpose: a content-script bundle's exports become a global the page can see.
import { installPageJsonHook } from './main-world.ts';
import { offerPageJsonPort } from './page-json-channel.ts';

try {
  installPageJsonHook(window, offerPageJsonPort(window));
} catch {
  // no channel, no hook: the page stays exactly as it was
}
