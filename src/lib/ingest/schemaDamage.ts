import type { EngineApi } from '../engine/api';
import { quoteIdent } from '../engine/sql';
import { INGEST_SCHEMA } from './ingestSchema';
import { queryRows } from './queryRows';

/** A scratch database holding the tables as `INGEST_SCHEMA` makes them, to compare with. */
const BLUEPRINT = 'recur_blueprint';

/** The shape (kind and columns) of every table and view in the main schema of the blueprint and of the working database. */
const SHAPES = `
  SELECT t.table_catalog AS db, t.table_name AS name, t.table_type AS kind,
         string_agg(c.column_name || ' ' || c.data_type, ', ' ORDER BY c.ordinal_position) AS columns
  FROM information_schema.tables t
  LEFT JOIN information_schema.columns c USING (table_catalog, table_schema, table_name)
  WHERE t.table_schema = 'main' AND t.table_catalog IN ($blueprint, current_database())
  GROUP BY ALL`;

/**
 * Runs `work` while a scratch database holds the data and bookkeeping tables
 * exactly as loading makes them: DuckDB runs `INGEST_SCHEMA` itself into an
 * empty in-memory database, so the expected shape cannot drift from loading.
 */
async function withBlueprint<T>(engine: EngineApi, work: () => Promise<T>): Promise<T> {
  const [{ db }] = await queryRows(engine, 'SELECT current_database() AS db');
  const home = quoteIdent(String(db));
  try {
    // One exec, so no other caller's statement runs while the blueprint is the default database.
    await engine.exec(`DETACH DATABASE IF EXISTS ${BLUEPRINT}; ATTACH ':memory:' AS ${BLUEPRINT}; USE ${BLUEPRINT}; ${INGEST_SCHEMA}; USE ${home};`);
    return await work();
  } finally {
    await engine.exec(`USE ${home}; DETACH DATABASE IF EXISTS ${BLUEPRINT}`);
  }
}

/**
 * The data and bookkeeping tables (and views) that are no longer as loading
 * made them: replaced, dropped, or with other columns. Empty on a fresh engine
 * (nothing made yet) and whenever all is well.
 */
export function damagedTables(engine: EngineApi): Promise<string[]> {
  return withBlueprint(engine, async () => {
    const rows = await queryRows(
      engine,
      `WITH shape AS (${SHAPES}),
       expected AS (SELECT * FROM shape WHERE db = $blueprint),
       actual AS (SELECT * FROM shape WHERE db = current_database() AND name IN (SELECT name FROM expected))
       SELECT e.name FROM expected e LEFT JOIN actual a USING (name)
       WHERE (SELECT count(*) FROM actual) > 0 AND (a.name IS NULL OR a.kind <> e.kind OR a.columns <> e.columns)
       ORDER BY e.name`,
      { blueprint: BLUEPRINT },
    );
    return rows.map((row) => String(row.name));
  });
}

/** Drops every data and bookkeeping table and view (views first), so the next load makes them afresh. */
export function dropIngestTables(engine: EngineApi): Promise<void> {
  return withBlueprint(engine, async () => {
    const objects = await queryRows(
      engine,
      `WITH shape AS (${SHAPES})
       SELECT name, kind FROM shape WHERE db = current_database() AND name IN (SELECT name FROM shape WHERE db = $blueprint)
       ORDER BY kind = 'VIEW' DESC`,
      { blueprint: BLUEPRINT },
    );
    for (const { name, kind } of objects) await engine.exec(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} ${quoteIdent(String(name))}`);
  });
}
