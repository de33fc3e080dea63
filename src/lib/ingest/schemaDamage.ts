import type { EngineApi } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { INGEST_SCHEMA } from './ingestSchema';
import { queryRows } from './queryRows';

/** A scratch database holding the tables as `INGEST_SCHEMA` makes them, to compare with. */
const BLUEPRINT = 'recur_blueprint';

/** The kind and columns of every table and view in the main schema of database `$db`. */
const SHAPES = `
  SELECT name, kind || ': ' || columns AS shape FROM (
    SELECT c.table_name AS name, CASE WHEN any_value(v.view_name) IS NULL THEN 'TABLE' ELSE 'VIEW' END AS kind,
           string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.column_index) AS columns
    FROM duckdb_columns() c
    LEFT JOIN duckdb_views() v ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
    WHERE c.schema_name = 'main' AND c.database_name = $db
    GROUP BY c.table_name
  )`;

async function shapesIn(engine: EngineApi, db: string): Promise<Map<string, string>> {
  const rows = await queryRows(engine, SHAPES, { db });
  return new Map(rows.map((row) => [String(row.name), String(row.shape)]));
}

async function currentDatabase(engine: EngineApi): Promise<string> {
  const [{ db }] = await queryRows(engine, 'SELECT current_database() AS db');
  return String(db);
}

/** The expected shapes, once per engine: they depend only on `INGEST_SCHEMA`. */
const blueprints = new WeakMap<EngineApi, Promise<Map<string, string>>>();

/**
 * The data and bookkeeping tables exactly as loading makes them: DuckDB runs
 * `INGEST_SCHEMA` itself into an empty in-memory database, so the expected
 * shape cannot drift from loading.
 */
function expectedShapes(engine: EngineApi): Promise<Map<string, string>> {
  let shapes = blueprints.get(engine);
  if (!shapes) {
    shapes = (async () => {
      const home = quoteIdent(await currentDatabase(engine));
      try {
        // One exec, so no other caller's statement runs while the blueprint is the default database.
        await engine.exec(`DETACH DATABASE IF EXISTS ${BLUEPRINT}; ATTACH ':memory:' AS ${BLUEPRINT}; USE ${BLUEPRINT}; ${INGEST_SCHEMA}; USE ${home};`);
        return await shapesIn(engine, BLUEPRINT);
      } finally {
        await engine.exec(`USE ${home}; DETACH DATABASE IF EXISTS ${BLUEPRINT}`);
      }
    })();
    shapes.catch(() => blueprints.delete(engine));
    blueprints.set(engine, shapes);
  }
  return shapes;
}

/**
 * The data and bookkeeping tables (and views) that are no longer as loading
 * made them: replaced, dropped, or with other columns. Empty on a fresh engine
 * (nothing made yet) and whenever all is well.
 */
export async function damagedTables(engine: EngineApi): Promise<string[]> {
  const expected = await expectedShapes(engine);
  const actual = await shapesIn(engine, await currentDatabase(engine));
  if (![...expected.keys()].some((name) => actual.has(name))) return [];
  return [...expected].filter(([name, shape]) => actual.get(name) !== shape).map(([name]) => name).sort();
}

/** Drops every data and bookkeeping table and view (views first), so the next load makes them afresh. */
export async function dropIngestTables(engine: EngineApi): Promise<void> {
  const expected = await expectedShapes(engine);
  const actual = await shapesIn(engine, await currentDatabase(engine));
  const present = [...actual].filter(([name]) => expected.has(name));
  const views = present.filter(([, shape]) => shape.startsWith('VIEW:'));
  const tables = present.filter(([, shape]) => !shape.startsWith('VIEW:'));
  for (const [name] of views) await engine.exec(`DROP VIEW ${quoteIdent(name)}`);
  for (const [name] of tables) await engine.exec(`DROP TABLE ${quoteIdent(name)}`);
}
