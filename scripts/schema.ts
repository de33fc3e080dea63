/**
 * Prints the canonical schema (tables, views and the RFM macros) as SQL, for the
 * DuckDB CLI:  npm run --silent schema > schema.sql   then, in duckdb,  .read schema.sql
 */
import { CANONICAL_SCHEMA } from '../src/lib/ingest/canonical';

process.stdout.write(`${CANONICAL_SCHEMA.trim()}\n`);
