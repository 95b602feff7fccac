export { toCsv, neutralizeCell, CSV_COLUMNS, type CsvOptions } from './csv.ts';
export { toJson, buildCaseExport, CASE_SCHEMA, type CaseExport, type CaseExportInput, type ExportedComment, type CaseWarning } from './json.ts';
export { toGexf, xmlEscape, type GexfOptions } from './gexf.ts';
