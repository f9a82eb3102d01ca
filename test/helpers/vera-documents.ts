/** The GraphQL documents the VERA-WRV tests send (issue 19). */
export const VERA_IMPORT = `mutation($input: VeraImportInput!) {
  veraImport(input: $input) { ok written resource schema documents errors { document pointer rule reason } notes { document pointer reason } } }`;
export const VERA_EXPORT = `query($r: VeraResource!, $from: String, $to: String, $path: String) {
  veraExport(resource: $r, from: $from, to: $to, path: $path) { schema count documents path } }`;
