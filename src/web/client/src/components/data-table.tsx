import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** Rows drawn at once before the table only draws what is in view (long respondent lists). */
const VIRTUAL_FROM = 200;
const ROW_HEIGHT = 36;

/**
 * A sortable table (TanStack Table): column headers are buttons that sort, announced to screen
 * readers by aria-sort; long lists draw only the rows in view (TanStack Virtual).
 */
export function DataTable<T>({ columns, data, caption, testId }: { columns: ColumnDef<T, any>[]; data: T[]; caption: string; testId?: string }) {
  const { t } = useI18n();
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const before = virtual && items.length > 0 ? items[0].start : 0;
  const after = virtual && items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const shown = virtual ? items.map((i) => rows[i.index]) : rows;
  return (
    <div
      ref={scroller}
      className={virtual ? 'table-scroll tall' : 'table-scroll'}
      tabIndex={virtual ? 0 : undefined}
      aria-label={virtual ? caption : undefined}
      role={virtual ? 'region' : undefined}
    >
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()} title={t('table.sort')}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {before > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: before }} colSpan={columns.length} />
            </tr>
          )}
          {shown.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
          {after > 0 && (
            <tr aria-hidden="true">
              <td style={{ height: after }} colSpan={columns.length} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {t('table.empty')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
