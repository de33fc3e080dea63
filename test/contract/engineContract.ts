/**
 * One contract suite for every EngineApi implementation: run in Node against
 * the WASM engine (vitest) and in Chromium against the real worker
 * (Playwright). Each case is a self-contained function of a `ContractKit`, so
 * Playwright can send its source into the page unchanged: no imports, no
 * closures over module scope.
 */
import type { EngineApi } from '../../src/lib/engine/api';
import type { Row } from '../../src/lib/engine/rows';

export interface ContractKit {
  engine: EngineApi;
  rows: (ipc: Uint8Array) => Row[];
  equal: (actual: unknown, expected: unknown, what: string) => void;
  rejects: (promise: Promise<unknown>, pattern: RegExp, what: string) => Promise<void>;
}

export interface ContractCase {
  name: string;
  run: (kit: ContractKit) => Promise<void>;
}

export const ENGINE_CONTRACT: ContractCase[] = [
  {
    name: 'init is memoised and reports the DuckDB version',
    run: async ({ engine, equal }) => {
      const [a, b] = await Promise.all([engine.init(), engine.init()]);
      equal(a.duckdbVersion, b.duckdbVersion, 'same version from concurrent calls');
      equal(/^v1\.4\.\d+$/.test(a.duckdbVersion), true, `version ${a.duckdbVersion} is DuckDB 1.4.x`);
      equal(a.initMs, b.initMs, 'one start shared by both callers');
    },
  },
  {
    name: 'named parameters are bound, not pasted',
    run: async ({ engine, rows, equal }) => {
      const result = await engine.query("SELECT $n::INTEGER + 1 AS x, $s AS s, '$n' AS literal, $n::INTEGER * 2 AS twice", {
        n: 41,
        s: "it's; DROP TABLE x",
      });
      const [row] = rows(result.ipc);
      equal(row.x, 42, 'numeric parameter');
      equal(row.s, "it's; DROP TABLE x", 'string parameter arrives as a value');
      equal(row.literal, '$n', 'placeholders inside string literals are left alone');
      equal(row.twice, 82, 'a parameter used twice');
      equal(result.rowCount, 1, 'row count');
      equal(result.columns.map((c) => c.name).join(','), 'x,s,literal,twice', 'column names');
    },
  },
  {
    name: 'a missing parameter is a readable error',
    run: async ({ engine, rejects }) => {
      await rejects(engine.query('SELECT $missing AS x', {}), /\$missing/, 'names the parameter');
    },
  },
  {
    name: 'a registered file is readable from SQL',
    run: async ({ engine, rows, equal }) => {
      const bytes = new TextEncoder().encode('customer,amount\na,10.5\nb,2\na,1\n');
      const file = await engine.registerFile({ name: 'contract-orders.csv', bytes });
      equal(file.size, bytes.byteLength, 'size');
      const result = await engine.query(
        `SELECT customer, sum(amount)::DOUBLE AS total FROM read_csv('${file.path}') GROUP BY customer ORDER BY customer`,
      );
      equal(JSON.stringify(rows(result.ipc)), JSON.stringify([{ customer: 'a', total: 11.5 }, { customer: 'b', total: 2 }]), 'totals');
      await engine.dropFile(file.path);
    },
  },
  {
    name: 'the engine is locked down: no network, no files outside /data/, no config changes',
    run: async ({ engine, rejects }) => {
      await rejects(engine.query("SELECT * FROM read_csv('https://example.com/x.csv')"), /disabled by configuration|Permission/i, 'http');
      await rejects(engine.query("SELECT * FROM read_csv('/etc/passwd')"), /disabled by configuration|Permission/i, 'local file');
      await rejects(engine.exec('SET enable_external_access = true'), /locked/i, 'configuration is locked');
      await rejects(engine.exec('LOAD httpfs'), /disabled|Permission/i, 'extensions cannot be loaded');
    },
  },
  {
    name: 'describe lists tables and views with their columns',
    run: async ({ engine, equal }) => {
      await engine.exec('CREATE OR REPLACE TABLE contract_t (id INTEGER, name VARCHAR); CREATE OR REPLACE VIEW contract_v AS SELECT id FROM contract_t');
      const tables = await engine.describe();
      const t = tables.find((x) => x.name === 'contract_t');
      const v = tables.find((x) => x.name === 'contract_v');
      equal(t?.kind, 'table', 'table kind');
      equal(t?.columns.map((c) => `${c.name}:${c.type}`).join(','), 'id:INTEGER,name:VARCHAR', 'table columns');
      equal(v?.kind, 'view', 'view kind');
    },
  },
  {
    name: 'maxRows stops reading early and reports what was read',
    run: async ({ engine, equal }) => {
      const result = await engine.query('SELECT range AS i FROM range(100000)', {}, { maxRows: 10 });
      equal(result.rowCount, 10, 'rows read');
    },
  },
  {
    name: 'DuckDB errors keep their message and position',
    run: async ({ engine, rejects }) => {
      await rejects(engine.query('SELEC 1'), /syntax error/i, 'syntax error');
      await rejects(engine.query('SELECT * FROM no_such_table'), /no_such_table/, 'names the missing table');
    },
  },
  {
    name: 'statements run in order and a failure does not stop the next',
    run: async ({ engine, rows, equal }) => {
      const results = await Promise.allSettled([
        engine.exec('CREATE OR REPLACE TABLE contract_seq (i INTEGER)'),
        engine.exec('INSERT INTO contract_seq VALUES (1)'),
        engine.query('SELECT * FROM contract_missing'),
        engine.exec('INSERT INTO contract_seq VALUES (2)'),
        engine.query('SELECT count(*) AS n FROM contract_seq'),
      ]);
      equal(results.map((r) => r.status).join(','), 'fulfilled,fulfilled,rejected,fulfilled,fulfilled', 'outcomes');
      const last = results[4];
      if (last.status !== 'fulfilled' || !last.value) throw new Error('count did not run');
      equal(rows((last.value as { ipc: Uint8Array }).ipc)[0].n, 2, 'both inserts ran, in order');
    },
  },
  {
    name: 'a query exports as CSV, JSON and Parquet bytes',
    run: async ({ engine, equal }) => {
      const sql = 'SELECT range AS i, $label AS label FROM range(3)';
      const csv = new TextDecoder().decode(await engine.exportQuery(sql, { label: 'x,y' }, 'csv'));
      equal(csv.trim().split(/\r?\n/), ['i,label', '0,"x,y"', '1,"x,y"', '2,"x,y"'], 'csv text');
      const json = JSON.parse(new TextDecoder().decode(await engine.exportQuery(sql, { label: 'j' }, 'json')));
      equal(json, [{ i: 0, label: 'j' }, { i: 1, label: 'j' }, { i: 2, label: 'j' }], 'json rows');
      const parquet = await engine.exportQuery(sql, { label: 'p' }, 'parquet');
      equal(new TextDecoder().decode(parquet.slice(0, 4)), 'PAR1', 'parquet magic');
    },
  },
  {
    name: 'a CSV export escapes text a spreadsheet would run as a formula; numbers stay numbers',
    run: async ({ engine, equal }) => {
      const sql = `SELECT * FROM (VALUES
        (1, '=HYPERLINK("http://x","y")', -5.5, '-12.5'),
        (2, '+cmd', 3.0, '@SUM(A1)'),
        (3, chr(9) || 'tab', 0.0, 'plain')) AS t(i, name, amount, note) ORDER BY i`;
      const csv = new TextDecoder().decode(await engine.exportQuery(sql, {}, 'csv'));
      equal(
        csv.trim().split(/\r?\n/),
        ['i,name,amount,note', `1,"'=HYPERLINK(""http://x"",""y"")",-5.5,-12.5`, "2,'+cmd,3.0,'@SUM(A1)", "3,'\ttab,0.0,plain"],
        'csv text',
      );
    },
  },
  {
    name: 'a Parquet file loads into a table and round-trips',
    run: async ({ engine, rows, equal }) => {
      const bytes = await engine.exportQuery("SELECT range AS i, 'c' || range AS customer, range * 1.5 AS revenue FROM range(1000)", {}, 'parquet');
      const n = await engine.importParquet({ name: 'contract.parquet', bytes }, 'contract_pq');
      equal(n, 1000, 'rows loaded');
      const [row] = rows((await engine.query('SELECT sum(revenue) AS s, max(customer) AS m FROM contract_pq')).ipc);
      equal(row, { s: 749250, m: 'c999' }, 'values survive');
      let message = '';
      try {
        await engine.importParquet({ name: 'broken.parquet', bytes: new TextEncoder().encode('not parquet') }, 'contract_bad');
      } catch (error) {
        message = String((error as Error).message);
      }
      equal(/broken\.parquet/.test(message), true, `error names the file: ${message}`);
    },
  },
  {
    name: 'insertArrow creates a table from an Arrow stream, and replaces it',
    run: async ({ engine, rows, equal }) => {
      const first = await engine.query("SELECT range::INTEGER AS i, 'c' || range AS customer, range * 0.5 AS value FROM range(3)");
      await engine.insertArrow('contract arrow', first.ipc);
      const read = async () => rows((await engine.query('SELECT * FROM "contract arrow" ORDER BY i')).ipc);
      equal(await read(), [{ i: 0, customer: 'c0', value: 0 }, { i: 1, customer: 'c1', value: 0.5 }, { i: 2, customer: 'c2', value: 1 }], 'rows');
      const second = await engine.query('SELECT 7::INTEGER AS i');
      await engine.insertArrow('contract arrow', second.ipc);
      equal(await read(), [{ i: 7 }], 'the second stream replaces the table');
      const tables = await engine.describe();
      equal(tables.find((t) => t.name === 'contract arrow')?.columns.map((c) => `${c.name}:${c.type}`), ['i:INTEGER'], 'types from the stream');
    },
  },
  {
    name: 'read-only SQL: one query runs (and is kept as a table); DuckDB\'s parser refuses every write',
    run: async ({ engine, rows, rejects, equal }) => {
      await engine.exec('CREATE OR REPLACE TABLE ro_data AS SELECT range::INTEGER AS n FROM range(5)');
      const queries = [
        ['SELECT n FROM ro_data WHERE n >= $min', 3],
        ['-- a comment\nWITH t AS (SELECT n FROM ro_data) SELECT * FROM t WHERE n >= $min;', 3],
        ['FROM ro_data WHERE n >= $min', 3],
        ["SELECT ';' AS semi FROM ro_data WHERE n >= $min", 3],
        ['VALUES (1), (2)', 2],
        ['DESCRIBE ro_data', 1],
        ['SUMMARIZE ro_data', 1],
        ['SELECT n FROM ro_data UNION ALL SELECT 9', 6],
      ] as const;
      for (const [sql, count] of queries) {
        const result = await engine.query(sql, sql.includes('$min') ? { min: 2 } : {}, { readOnly: true });
        equal(result.rowCount, count, `${sql} runs`);
        await engine.query(sql, sql.includes('$min') ? { min: 2 } : {}, { keepAs: 'ro kept' });
        equal(rows((await engine.query('SELECT count(*)::INTEGER AS c FROM "ro kept"')).ipc), [{ c: count }], `${sql} is kept as a table`);
      }
      const refused = [
        ['CREATE OR REPLACE TABLE ro_data AS SELECT 1 AS n', /CREATE OR REPLACE TABLE statement on "ro_data"/],
        ['CREATE VIEW ro_view AS SELECT 1', /CREATE VIEW statement on "ro_view"/],
        ['INSERT INTO ro_data VALUES (99)', /INSERT statement on "ro_data"/],
        ['UPDATE ro_data SET n = 0', /UPDATE statement on "ro_data"/],
        ['DELETE FROM ro_data', /DELETE statement on "ro_data"/],
        ['DROP TABLE ro_data', /DROP TABLE statement on "ro_data"/],
        ['ALTER TABLE ro_data ADD COLUMN x INTEGER', /ALTER TABLE statement on "ro_data"/],
        ["COPY ro_data TO '/data/out.csv'", /COPY statement on "ro_data"/],
        ["ATTACH ':memory:' AS elsewhere", /ATTACH statement on "elsewhere"/],
        ['SET threads = 1', /SET statement on "threads"/],
        ["PRAGMA table_info('ro_data')", /PRAGMA statement on "table_info"/],
        ['CALL pragma_version()', /CALL statement on "pragma_version"/],
        ['SELECT 1; DROP TABLE ro_data', /2 statements: SELECT, DROP TABLE on "ro_data"/],
        ['EXPLAIN SELECT 1', /an EXPLAIN statement/],
        ['FROM (PIVOT ro_data ON n USING count(*))', /A PIVOT is one query when it lists its values: PIVOT … ON column IN \(value, …\)/],
        ['-- nothing but a comment', /This holds no statement/],
      ] as const;
      for (const [sql, pattern] of refused) {
        await rejects(engine.query(sql, {}, { readOnly: true }), /notebook SQL can only read the data/, `${sql} is refused`);
        await rejects(engine.query(sql, {}, { keepAs: 'ro kept' }), pattern, `${sql}: the message names what it is`);
      }
      equal(rows((await engine.query('SELECT count(*)::INTEGER AS c, sum(n)::INTEGER AS s FROM ro_data')).ipc), [{ c: 5, s: 10 }], 'the data is untouched');
      let message = '';
      await engine.query('SELECT * FROM ro_nowhere', {}, { keepAs: 'ro kept' }).catch((error: Error) => (message = error.message));
      equal(/ro_nowhere/.test(message), true, `DuckDB errors inside a query keep their message: ${message}`);
      equal(/LINE|recur_read_only_sql/.test(message), false, `and drop a position that would point at the wrapper: ${message}`);
      equal(rows((await engine.query('PIVOT ro_data ON n IN (0, 1) USING count(*)', {}, { readOnly: true })).ipc), [{ 0: 1, 1: 1 }], 'a PIVOT that lists its values runs');
    },
  },
  {
    name: 'cancel with nothing running reports false',
    run: async ({ engine, equal }) => {
      equal(await engine.cancel(), false, 'nothing to cancel');
    },
  },
];
