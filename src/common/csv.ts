import { stringify } from 'csv-stringify/sync';

export interface CsvOptions {
  /**
   * A spreadsheet in Dutch locale: numbers with a decimal comma and cells separated by semicolons (a
   * comma separates the decimals there, so a comma-separated file would split every number).
   */
  decimalComma?: boolean;
  /** Start with a UTF-8 byte order mark, so a spreadsheet reads "ë" and "€" as UTF-8, not as its code page. */
  bom?: boolean;
}

/**
 * CSV for spreadsheets (csv-stringify), with formula injection neutralised: a text cell that starts
 * with =, +, -, @, tab or carriage return is prefixed with an apostrophe (OWASP "CSV injection"), so
 * a reference, subject or reason text cannot run as a formula. Numbers are written as numbers.
 */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[], options: CsvOptions = {}): string {
  const cell = (value: string | number | boolean | null) => {
    if (typeof value === 'number') return options.decimalComma ? String(value).replace('.', ',') : value;
    return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  };
  const text = stringify(
    rows.map((row) => row.map(cell)),
    { delimiter: options.decimalComma ? ';' : ',' },
  );
  return options.bom ? `\uFEFF${text}` : text;
}
