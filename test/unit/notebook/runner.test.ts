import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node';
import { toRows } from '../../../src/lib/engine/rows';
import { fetchPage, isQuery, runSqlCell } from '../../../src/lib/notebook/runner';

const engine = createNodeEngine();
beforeAll(() => engine.init());

describe('isQuery', () => {
  it.each([
    ['SELECT 1', true],
    ['  -- comment\nwith a AS (SELECT 1) SELECT * FROM a;', true],
    ['FROM orders', true],
    ["SELECT ';' AS semi", true],
    ['CREATE TABLE x (i INT)', false],
    ['SELECT 1; SELECT 2', false],
    ['PRAGMA version', false],
  ])('%s → %s', (source, expected) => expect(isQuery(source)).toBe(expected));
});

describe('runSqlCell', () => {
  it('keeps a query as a table that later cells read, with parameters bound', async () => {
    const first = await runSqlCell(engine, 'numbers', 'SELECT range AS n FROM range(10) WHERE range >= $min', { min: 3 });
    expect(first.named).toBe(true);
    expect(first.rowCount).toBe(7);
    expect(first.columns.map((c) => c.name)).toEqual(['n']);
    const second = await runSqlCell(engine, 'total', 'SELECT sum(n)::DOUBLE AS s FROM numbers', {});
    expect(toRows(tableFromIPC(second.preview))).toEqual([{ s: 42 }]);
  });

  it('runs statements that are not queries as written', async () => {
    const out = await runSqlCell(engine, 'ddl', 'CREATE OR REPLACE TABLE made_here AS SELECT 1 AS x; INSERT INTO made_here VALUES (2)', {});
    expect(out.named).toBe(false);
    const check = await runSqlCell(engine, 'check', 'SELECT count(*) AS c FROM made_here', {});
    expect(toRows(tableFromIPC(check.preview))[0].c).toBe(2);
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
