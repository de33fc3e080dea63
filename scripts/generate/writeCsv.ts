import { open, type FileHandle } from 'node:fs/promises';

function needsQuotes(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0a || c === 0x0d) return true; // " , \n \r
  }
  return false;
}

/** RFC 4180 field: quoted only when it has to be, inner quotes doubled. */
export function csvField(value: string): string {
  return needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i] ?? '');
  }
  return line + '\n';
}

/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CHAR = 3;

/**
 * Encodes rows straight into a ~1 MB buffer and writes it out when full, so a
 * 10-million-row file never exists in memory and each row's string dies young
 * (cheap for the GC). `writeRow` returns a promise only when it flushed;
 * awaiting just those keeps the hot loop synchronous. Callers must await it
 * before the next write.
 */
export class CsvWriter {
  private buffer: Buffer;
  private used = 0;
  private rows = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly chunkBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  static async create(path: string, header: readonly string[], chunkBytes = 1 << 20): Promise<CsvWriter> {
    const writer = new CsvWriter(await open(path, 'w'), chunkBytes);
    writer.append(csvLine(header));
    return writer;
  }

  get rowCount(): number {
    return this.rows;
  }

  writeRow(fields: readonly string[]): Promise<void> | undefined {
    this.rows++;
    return this.append(csvLine(fields));
  }

  private append(line: string): Promise<void> | undefined {
    if (line.length * MAX_BYTES_PER_CHAR > this.buffer.length - this.used) return this.flush(line);
    this.used += this.buffer.write(line, this.used, 'utf8');
    return this.used > this.buffer.length - 4096 ? this.flush() : undefined;
  }

  /** Writes what is buffered, then `tail` (a line too long for the space left). */
  async flush(tail = ''): Promise<void> {
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.chunkBytes);
    this.used = 0;
    if (chunk.length > 0) await this.file.write(chunk);
    if (tail !== '') await this.file.write(tail);
  }

  async close(): Promise<void> {
    await this.flush();
    await this.file.close();
  }
}
