/** Which browser this bundle was built for; replaced at build time so dead branches drop out. */
declare const __BROWSER__: 'chrome' | 'firefox';
