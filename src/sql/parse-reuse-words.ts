/**
 * Words that parse-reuse (./parse-reuse.ts) never turns into identifier slots, lower case: every
 * identifier-like string literal of node-sql-parser 5.4.0's MySQL build (node_modules/node-sql-parser/
 * build/mysql.js: its keyword rules, reserved-word map and the names its actions compare against), and
 * every keyword of Vitess's parser (go/vt/sqlparser/keywords.go, v0.24.4, without the `_charset`
 * introducers: parse-reuse keeps every word that starts with `_` as it is). A word outside this list is
 * read by node-sql-parser's generic identifier rules only, so the parse of a statement does not depend
 * on which such word it is. test/sql/parse-reuse-words.test.ts fails when a node-sql-parser upgrade adds
 * a word that is missing here.
 */
export const KEPT_WORDS: ReadonlySet<string> = new Set(
  `
  a accessible account action add adddate admin after against aggr_func aggregate algorithm all alter
  always analyze and any any_value arguments arithmetic array array_index arraystructtypetosql as asc
  ascii asensitive assign astify athena attach attribute auto_increment autoextend_size autoincrement
  autoincrementtosql avg avg_row_length b backticks_quote_string before begin between between_and bigint
  bigquery binary binary_expr binlog bit bit_and bit_or bit_string bit_xor blob bool boolean both btree by
  byte call cancel cascade cascaded case cast catalog_name century change channel char character charset
  check checksum cipher class class_origin cleanup coalesce code collate collation column column_format
  column_name column_ref columnidentifiertosql columnlist columnorderlisttosql columns columnstosql
  comment commenttosql commit committed commonkeywordargstosql commonoptionconnector commontypevalue
  compact complete compressed compression concurrent condition connection connector consistent
  constraint constraint_catalog constraint_name constraint_schema contained continue convert copy count
  create createbinaryexpr createvalueexpr cross csv cume_dist curdate current current_date current_time
  current_timestamp current_user cursor cursor_name curtime cutover_threshold data data_compression database
  databases datatype datatypetosql date date_add date_sub date_trunc datetime day day_hour day_microsecond
  day_minute day_second db2 deallocate dec decade decimal declare default default_opt deferrable definer
  delay_key_write delayed delete dense_rank desc describe deterministic directory disable discard disk
  distinct distinctrow div do domain double double_quote_string dow doy drop dual dumpfile duplicate
  dynamic e each else elseif empty enable enclosed encryption end endpoint enforced engine engine_attribute
  engines enum epoch error errors escape escaped event events except exchange exclusive exec execute exists
  exit expansion expire explain export expr expr_list exprtosql extended extension extract extractvalue
  f failed_login_attempts false fetch fields filestream_on first first_value fixed float float4 float8
  flush following follows for force force_cutover forceseek foreign format format_bytes format_pico_time
  found from from_to full full_hex_string fulltext fulltext_search function general generated generator
  geomcollection geometry geometrycollection get get_lock getparseropt glength global go grant grants
  group group_concat grouping groups gtid_executed gtid_subset gtid_subtract handler hash hasval having
  header hex_string high_priority history hosts hour hour_microsecond hour_minute hour_second i identified
  identifiertosql if ignore import in index indexes infile inner inout inplace input insensitive insert
  insert_method instant int int1 int2 int3 int4 int8 integer intersect interval into invisible invoker
  io_after_gtids is is_free_lock is_used_lock isclosed isodow isolation isoweek isoyear issuer iterate join
  joins json json_array json_array_append json_array_insert json_arrayagg json_contains json_contains_path
  json_depth json_extract json_insert json_keys json_length json_merge json_merge_patch json_merge_preserve
  json_object json_objectagg json_overlaps json_pretty json_quote json_remove json_replace json_schema_valid
  json_schema_validation_report json_search json_set json_storage_free json_storage_size json_table
  json_type json_unquote json_valid json_value key key_block_size keys keyspaces keyword kill lag language
  last last_insert_id last_value lateral launch lead leading leave left less level like limit linear lines
  linestring list literal literaltosql load load_data local localtime localtimestamp locate lock locked log
  logs long longblob longtext loop low_priority ltrim lz4 manifest manual map mariadb master master_bind
  match max max_connections_per_hour max_queries_per_hour max_rows max_updates_per_hour max_user_connections
  maxvalue mediumblob mediumint mediumtext member memory merge message_text microsecond microseconds
  mid middleint millennium milliseconds min min_rows minus minute minute_microsecond minute_second mod
  mode modifies modify module month mstype multilinestring multiple multipoint multipolygon mutex mysql
  mysql_errno n name names natural natural_string nchar nested never next no no_write_to_binlog nocheck
  none noql not now nowait nth_value ntile null nulls number numeric numpoints object of off offset on only
  onpartitionstosql open optimize optimizer_costs option optional optionally options or order ordinality
  origin out outer outfile over overwrite pack_keys parallel param parse parser partial partition partitioning
  partitions password password_lock_time path percent_rank persist persist_only pivot plan plugins point
  pointn polygon position postgresql postpone precedes preceding precision prefix prepare primary priv
  privileges proc procedure processlist profile profiles prototype proxy ps_current_thread_id ps_thread_id
  purge qualify quarter queries query raise random range rank ratio read read_write reads real rebuild
  recursive redshift redundant references regex_string regexp regexp_instr regexp_like regexp_replace
  regexp_substr relay relaylog release release_all_locks release_lock remove rename reorganize repair
  repeat repeatable replace replaceparams replica replicas replication require resignal respect restrict
  retry return returning returningtosql reuse revert revoke right rlike role rollback rollup routine
  row row_format row_number rows rtrim s3 savepoint schema schema_name schemas second second_microsecond
  secondary_engine_attribute security select sensitive separator sequence serializable session session_user
  set setparseropt sfunc share shared show signal signed simple single_quote_string skip slave slow smallint
  snapshot snowflake some spatial spatial_window_max_cells specific sql sql_big_result sql_buffer_result
  sql_cache sql_calc_found_rows sql_no_cache sql_small_result sql_tsi_day sql_tsi_hour sql_tsi_microsecond
  sql_tsi_minute sql_tsi_month sql_tsi_quarter sql_tsi_second sql_tsi_week sql_tsi_year sqlexception
  sqlify sqlite sqlstate sqlwarning srid ssl st_area st_asbinary st_asgeojson st_astext st_aswkb st_aswkt
  st_centroid st_dimension st_endpoint st_envelope st_exteriorring st_geohash st_geomcollfromtext
  st_geomcollfromtxt st_geomcollfromwkb st_geometrycollectionfromtext st_geometrycollectionfromwkb
  st_geometryfromtext st_geometryfromwkb st_geometryn st_geometrytype st_geomfromgeojson st_geomfromtext
  st_geomfromwkb st_interiorringn st_isclosed st_isempty st_issimple st_latfromgeohash st_latitude st_length
  st_linefromtext st_linefromwkb st_linestringfromtext st_linestringfromwkb st_longfromgeohash st_longitude
  st_mlinefromtext st_mlinefromwkb st_mpointfromtext st_mpointfromwkb st_mpolyfromtext st_mpolyfromwkb
  st_multilinestringfromtext st_multilinestringfromwkb st_multipointfromtext st_multipointfromwkb
  st_multipolygonfromtext st_multipolygonfromwkb st_numgeometries st_numinteriorring st_numinteriorrings
  st_numpoints st_pointfromgeohash st_pointfromtext st_pointfromwkb st_pointn st_polyfromtext st_polyfromwkb
  st_polygonfromtext st_polygonfromwkb st_startpoint st_x st_y star start starting startpoint startrule
  statement stats_auto_recalc stats_persistent stats_sample_pages status std stddev stddev_pop stddev_samp
  storage stored straight_join stream string struct stype subclass_origin subdate subject subpartition
  subpartitions substr substring suffix sum symbol syntaxerror sysdate system system_user table table_name
  tablelist tables tablesample tablespace temporary temptable terminated text than then throttle time
  timestamp timestampadd timestampdiff timezone timezone_hour timezone_minute tinyblob tinyint tinytext
  to toptosql toupper trace traditional trailing transaction transactions transactsql tree trigger
  triggereventtosql triggers trim trino true truncate tumble type unary_expr unbounded uncommitted
  undefined undo unicode unicode_string union unique unknown unlock unnest unpivot unresolved unsigned
  unthrottle update updatexml upgrade usage use user user_resources using utc_date utc_time utc_timestamp
  util validation value values var var_pop var_samp var_string varbinary varchar varcharacter variable
  variables variance varying vector version vexplain vgtid_executed view vindex vindexes virtual visible
  vitess vitess_keyspaces vitess_metadata vitess_migration vitess_migrations vitess_replication_status
  vitess_shards vitess_tablets vitess_target vitess_throttled_apps vitess_throttler vschema vstream vtexplain
  wait wait_for_executed_gtid_set wait_until_sql_thread_after_gtids warnings week weight_string when where
  while whitelistcheck window with without work write x x509 xor year year_month z zerofill zlib
`.split(/\s+/).filter((w) => w !== ''),
);

/**
 * The words node-sql-parser 5.4.0's MySQL grammar matches as keywords (its case-insensitive literals,
 * `peg$literalExpectation(word, true)` in the build), lower case: a subset of {@link KEPT_WORDS}. The
 * grammar ends such a keyword at any character that cannot start an identifier, digits included
 * (`KW_AS = "AS"i !ident_start`), so a name made of one of them and a digit (`as0`) may read as the
 * keyword and a number; parse-reuse keeps such names verbatim. test/sql/parse-reuse.test.ts checks
 * the list against the build.
 */
export const GRAMMAR_KEYWORDS: ReadonlySet<string> = new Set(
  `
  account add adddate admin after against algorithm all alter always analyze and array
  as asc attribute auto_increment avg avg_row_length b before begin between bigint binary binlog bit
  blob boolean both btree by call cascade cascaded case cast century change char character charset check
  checksum cipher coalesce collate collation column column_format columns comment commit committed compact
  compressed compression concurrent connection constraint convert copy count create cross current current_date
  current_time current_timestamp current_user data database databases date date_trunc datetime day day_hour
  day_microsecond day_minute day_second decade decimal default deferrable definer delay_key_write delete desc
  describe directory discard disk distinct div double dow doy drop dual dumpfile duplicate dynamic each else
  enclosed end enforced engine engine_attribute enum epoch escape escaped event events except exclusive
  execute exists expansion expire explain extract failed_login_attempts false fields first fixed float
  following follows for foreign from full fulltext function generated geometry geometrycollection global
  go grant grants group group_concat hash having history hour hour_microsecond hour_minute hour_second
  identified if ignore import in index indexes infile inner inplace insert instant int integer intersect
  interval into invisible invoker is isodow isolation isoweek isoyear issuer join json key key_block_size
  language lateral leading left less level like limit lines linestring load local lock locked logs longblob
  longtext low_priority lz4 master match max max_connections_per_hour max_queries_per_hour max_rows
  max_updates_per_hour max_user_connections mediumblob mediumint mediumtext memory merge microsecond
  microseconds millennium milliseconds min min_rows minus minute minute_microsecond minute_second mod
  mode modify month multilinestring multipoint multipolygon n natural never nocheck none not now nowait
  null numeric offset on only option optional optionally or order outer outfile over parser partition
  password password_lock_time persist persist_only point polygon precedes preceding primary procedure
  processlist proxy quarter query random read recursive redundant references regexp rename repeatable
  replace replication require restrict return reuse right rlike role rollback rollup routine row row_format
  rows schema second second_microsecond secondary_engine_attribute security select separator serializable
  session session_user set share shared show signed skip smallint spatial sql sql_big_result sql_buffer_result
  sql_cache sql_calc_found_rows sql_no_cache sql_small_result ssl start starting statement stats_sample_pages
  status storage stored straight_join subject sum system_user table tables tablespace temporary temptable
  terminated text than then time timestamp timezone timezone_hour timezone_minute tinyblob tinyint tinytext
  to trailing transaction trigger triggers trim true truncate unbounded uncommitted undefined union unique
  unlock unsigned update use user using values varbinary varchar vector view virtual visible wait week
  when where window with work write x x509 xor year year_month zerofill zlib
`.split(/\s+/).filter((w) => w !== ''),
);
