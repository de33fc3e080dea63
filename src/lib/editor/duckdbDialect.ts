import { PostgreSQL, SQLDialect } from '@codemirror/lang-sql';

// DuckDB's SQL is PostgreSQL's plus its own clauses; these words get
// highlighted and completed as keywords.
const DUCKDB_KEYWORDS =
  'qualify pivot unpivot summarize describe asof positional exclude replace columns struct map list union_by_name ' +
  'read_csv read_csv_auto read_parquet read_json read_json_auto getvariable date_trunc date_diff datediff date_part ' +
  'strftime strptime try_strptime try_cast quantile_cont quantile_disc median mode arg_max arg_min count_if list_agg string_agg ' +
  'epoch_ms make_date last_day generate_series range unnest';

/** CodeMirror's SQL dialect for DuckDB: PostgreSQL's rules with DuckDB's words. */
export const DuckDBDialect = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords ?? ''} ${DUCKDB_KEYWORDS}`,
});
