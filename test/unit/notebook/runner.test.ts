import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows } from '../../../src/lib/engine/rows';
import { dropCellResult, fetchPage, runSqlCell } from '../../../src/lib/notebook/runner';
import { runModelCell } from '../../../src/lib/notebook/modelCell';
import { LTV_PREDICTIVE } from '../../../src/lib/recipes/ltvPredictive/recipe';

const engine = createNodeEngine();
beforeAll(() => engine.init());

describe('runSqlCell', () => {
  it('keeps a query as a table that later cells read, with parameters bound', async () => {
    const first = await runSqlCell(engine, 'numbers', 'SELECT range AS n FROM range(10) WHERE range >= $min', { min: 3 });
    expect(first.rowCount).toBe(7);
    expect(first.columns.map((c) => c.name)).toEqual(['n']);
    const second = await runSqlCell(engine, 'total', 'SELECT sum(n)::DOUBLE AS s FROM numbers', {});
    expect(toRows(tableFromIPC(second.preview))).toEqual([{ s: 42 }]);
  });

  it('refuses statements that write, naming the statement and its table, and leaves the data as it was', async () => {
    await engine.exec('CREATE OR REPLACE TABLE load_files AS SELECT 1 AS source_file');
    await expect(runSqlCell(engine, 'ddl', 'CREATE OR REPLACE TABLE load_files AS SELECT 2 AS x; INSERT INTO load_files VALUES (3)', {})).rejects.toThrow(
      /This holds 2 statements: CREATE OR REPLACE TABLE on "load_files", INSERT on "load_files"; notebook SQL can only read the data/,
    );
    await expect(runSqlCell(engine, 'ddl', 'DROP TABLE load_files', {})).rejects.toThrow(/This is a DROP TABLE statement on "load_files"/);
    const check = await runSqlCell(engine, 'check', 'SELECT count(*)::INTEGER AS c, min(source_file) AS f FROM load_files', {});
    expect(toRows(tableFromIPC(check.preview))).toEqual([{ c: 1, f: 1 }]);
  });

  it.each(['orders', 'load_files', 'load_rejects', 'load_parquet_1a2b', 'recur_staged_x', 'Customers'])(
    'will not keep a result as %s, one of Recur\'s own tables, nor drop it',
    async (name) => {
      await engine.exec(`CREATE OR REPLACE TABLE "${name}" AS SELECT 'kept' AS v`);
      await expect(runSqlCell(engine, name, 'SELECT 1 AS v', {})).rejects.toThrow(new RegExp(`cannot be kept as "${name}"`));
      await expect(runModelCell(engine, LTV_PREDICTIVE, name, {})).rejects.toThrow(new RegExp(`cannot be kept as "${name}"`));
      await expect(dropCellResult(engine, name)).rejects.toThrow(/pick another name/);
      const still = await engine.query(`SELECT v FROM "${name}"`);
      expect(toRows(tableFromIPC(still.ipc))).toEqual([{ v: 'kept' }]);
    },
  );

  it('runs a query whose strings hold comment and statement marks', async () => {
    const out = await runSqlCell(engine, 'paint', "SELECT 'var(--x)' AS paint, '/* ; DROP TABLE t */' AS note -- the end;", {});
    expect(toRows(tableFromIPC(out.preview))).toEqual([{ paint: 'var(--x)', note: '/* ; DROP TABLE t */' }]);
  });

  it('pages and sorts a kept result', async () => {
    await runSqlCell(engine, 'letters', "SELECT * FROM (VALUES ('b', 2), ('a', 1), ('c', 3)) t(letter, n)", {});
    const page = toRows(tableFromIPC(await fetchPage(engine, 'letters', { offset: 1, limit: 1, sort: { column: 'n', descending: true } })));
    expect(page).toEqual([{ letter: 'b', n: 2 }]);
  });

  it('reports DuckDB errors and a missing parameter by name', async () => {
    await expect(runSqlCell(engine, 'bad', 'SELECT * FROM nowhere', {})).rejects.toThrow(/nowhere/);
    await expect(runSqlCell(engine, 'bad', 'SELECT $period AS p', {})).rejects.toThrow(/\$period/);
  });
});
