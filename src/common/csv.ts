import { stringify } from 'csv-stringify/sync';

/**
 * CSV for spreadsheets (csv-stringify), with formula injection neutralised: a text cell that starts
 * with =, +, -, @, tab or carriage return is prefixed with an apostrophe (OWASP "CSV injection"), so
 * a reference, subject or reason text cannot run as a formula. Numbers are written as numbers.
 */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return stringify(rows.map((row) => row.map((cell) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell))));
}
