import { DataType, type Field, type Table } from 'apache-arrow';
import type { ColumnInfo } from './api';

/** DuckDB's name for an Arrow column type, as a person reading a result expects to see it. */
export function duckTypeName(type: DataType): string {
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return 'VARCHAR';
  if (DataType.isBool(type)) return 'BOOLEAN';
  if (DataType.isInt(type)) {
    const names: Record<number, string> = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' };
    return (type.isSigned ? '' : 'U') + (names[type.bitWidth] ?? 'INTEGER');
  }
  if (DataType.isFloat(type)) return type.precision === 0 ? 'FLOAT' : type.precision === 1 ? 'FLOAT' : 'DOUBLE';
  if (DataType.isDecimal(type)) return `DECIMAL(${type.precision},${type.scale})`;
  if (DataType.isTimestamp(type)) return 'TIMESTAMP';
  if (DataType.isDate(type)) return 'DATE';
  if (DataType.isTime(type)) return 'TIME';
  if (DataType.isInterval(type) || DataType.isDuration(type)) return 'INTERVAL';
  if (DataType.isList(type)) return `${duckTypeName((type.children[0] as Field).type)}[]`;
  if (DataType.isStruct(type)) return 'STRUCT';
  if (DataType.isBinary(type)) return 'BLOB';
  if (DataType.isNull(type)) return 'NULL';
  return String(type);
}

export function columnsOf(table: Table): ColumnInfo[] {
  return table.schema.fields.map((field) => ({ name: field.name, type: duckTypeName(field.type) }));
}
