import ExcelJS from 'exceljs';
import type { Response } from 'express';
import type { Language } from '@opsflux/definitions';
import type { CompiledEntity } from '../registry/registry-types.ts';
import { columnLabel } from '../ui-meta/labels.ts';
import { SYSTEM_COLUMN_LABELS } from '../ui-meta/system-labels.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How a column's cells are typed in the sheet. */
export type CellKind = 'number' | 'boolean' | 'date' | 'datetime' | 'text';

const KIND_OF_TYPE: Record<string, CellKind> = {
  integer: 'number',
  decimal: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};
const FORMATS: Partial<Record<CellKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** The kind of a field or system column; computed fields follow their result type. */
export function cellKind(entity: CompiledEntity, column: string): CellKind {
  const def = entity.fields.get(column)?.def;
  if (def) return KIND_OF_TYPE[def.type === 'computed' ? def.resultType : def.type] ?? 'text';
  return KIND_OF_TYPE[SYSTEM_COLUMN_LABELS[column]?.type ?? ''] ?? 'text';
}

/**
 * A value as a typed cell: numbers as numbers, booleans as booleans, dates and times as dates
 * (times in UTC, as the API gives them). A value that does not read as its kind (a masked
 * sensitive value) stays text; objects and lists are written as JSON.
 */
export function cellValue(value: unknown, kind: CellKind): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (kind === 'number') {
    // Only text is read as a number: an object with its own `toString` (a JSON value) could throw.
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
    if (Number.isFinite(n)) return n;
  } else if (kind === 'boolean' && typeof value === 'boolean') return value;
  else if ((kind === 'date' || kind === 'datetime') && typeof value === 'string') {
    const d = new Date(kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * Streams rows as an XLSX workbook (one sheet, header labels in `lang`, typed cells), written
 * row by row through exceljs's streaming writer so a large export never sits in memory.
 * `close` finishes the file and ends the response.
 */
export function xlsxStream(res: Response, entity: CompiledEntity, columns: string[], lang: Language) {
  res.setHeader(
    'content-disposition',
    `attachment; filename="${entity.key}-${new Date().toISOString().slice(0, 10)}.xlsx"`,
  );
  res.type(XLSX_TYPE);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useSharedStrings: false, useStyles: true });
  // Sheet names: at most 31 characters, none of []:*?/\
  const sheet = workbook.addWorksheet(entity.name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const kinds = columns.map((c) => cellKind(entity, c));
  sheet.columns = columns.map((c, i) => {
    const header = columnLabel(entity, c, lang);
    const numFmt = FORMATS[kinds[i]!];
    return {
      header,
      key: c,
      width: Math.min(50, Math.max(12, header.length + 2)),
      ...(numFmt && { style: { numFmt } }),
    };
  });
  sheet.getRow(1).font = { bold: true };
  let rows = 0;
  return {
    write(record: Record<string, unknown>): void {
      sheet.addRow(columns.map((c, i) => cellValue(record[c], kinds[i]!))).commit();
      rows++;
    },
    get rows(): number {
      return rows;
    },
    async close(): Promise<void> {
      sheet.commit();
      await workbook.commit();
    },
  };
}
