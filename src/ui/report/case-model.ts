/** The report's model lives in src/core/case-report.ts (the background builds it); re-exported for the page. */
export * from '../../core/case-report.ts';
