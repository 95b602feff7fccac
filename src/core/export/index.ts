export { toCsv, csvChunks, neutralizeCell, CSV_COLUMNS, type CsvOptions } from './csv.ts';
export { toJson, jsonChunks, buildCaseExport, referencedClusters, CASE_SCHEMA, type CaseExport, type CaseExportInput, type ExportedAccount, type ExportedComment } from './json.ts';
export { toGexf, gexfChunks, xmlEscape, type GexfInput, type GexfOptions } from './gexf.ts';
