import { describe, expect, test } from 'vitest';
import { createNodeEngine } from '../../../src/lib/engine/node/index';
import { BOOKKEEPING_TABLES, CANONICAL_VIEWS, DATA_TABLES, LOADED_TABLES, SOURCE_FILE_TABLES } from '../../../src/lib/ingest/canonical';
import { ensureIngestSchema } from '../../../src/lib/ingest/ingestSchema';
import { rows } from './helpers';

// The name lists are what the notebook, dependency tracking and removal read;
// the schema SQL is what DuckDB makes. They must name the same tables.
describe('the canonical table names match the schema loading makes', () => {
  const engine = createNodeEngine();

  test('tables, views and the ones carrying source_file', async () => {
    await ensureIngestSchema(engine);
    const made = await rows(engine, `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' ORDER BY name`);
    const named = (type: string) => made.filter((t) => t.type === type).map((t) => t.name);
    expect(named('VIEW')).toEqual([...CANONICAL_VIEWS].sort());
    expect(named('BASE TABLE')).toEqual([...LOADED_TABLES, ...BOOKKEEPING_TABLES].sort());
    expect([...DATA_TABLES].sort()).toEqual([...LOADED_TABLES, ...CANONICAL_VIEWS].sort());
    const withSource = await rows(engine, `SELECT DISTINCT c.table_name AS name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.column_name = 'source_file' AND t.table_type = 'BASE TABLE' AND c.table_schema = 'main' ORDER BY name`);
    expect(withSource.map((t) => t.name)).toEqual([...SOURCE_FILE_TABLES].sort());
  });
});
