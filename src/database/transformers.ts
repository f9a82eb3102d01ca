import { ValueTransformer } from 'typeorm';

/** pg returns numeric and bigint as strings; amounts in cents stay far below 2^53, so numbers are safe. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};

/** DATE columns as ISO strings (no time zone shifts). pg already returns them as 'YYYY-MM-DD' with dateStrings. */
export const dateTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: unknown) => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) {
      return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
    }
    return String(value).slice(0, 10);
  },
};
