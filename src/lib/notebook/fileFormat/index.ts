/**
 * The notebook as a plain-text file (`*.recur.md`) that reads well in a git
 * diff and renders as ordinary markdown. Grammar and decisions:
 * docs/notebook-format.md.
 *
 * Cell ids, the notebook id, timestamps and version are not written: they are
 * storage details that would make every save a diff. Parsing gives fresh ones.
 * Every other field survives serialize → parse, and serialize → parse →
 * serialize is byte-identical. Line breaks inside cell text are stored as LF.
 */
export { CELL_SEPARATOR, FILE_EXTENSION, FORMAT_ID, FORMAT_VERSION, MAX_DATA_FILES, MAX_FILE_BYTES, NotebookFormatError } from './syntax';
export { serializeNotebook, type SerializeOptions } from './serialize';
export { parseNotebook, type ParsedNotebook } from './parse';
