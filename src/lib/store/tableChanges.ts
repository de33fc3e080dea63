import { tablesChangedBy, type RowKind } from '../ingest';

/** The data tables (and views) loads and removals changed since the notebook was last told. */
export class TableChanges {
  #touched = new Set<string>();

  /** Notes the tables a file of this kind fills. */
  touch(kind: RowKind | undefined): void {
    if (kind) for (const table of tablesChangedBy(kind)) this.#touched.add(table);
  }

  /** The tables changed so far, forgetting them. */
  take(): string[] {
    const tables = [...this.#touched];
    this.#touched.clear();
    return tables;
  }
}
