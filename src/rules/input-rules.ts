/**
 * Metadata of the findings the loader produces (src/vschema/parse-json.ts, validate-shape.ts,
 * load.ts, src/io): they have ids, severities and docs like every rule, but no check of their own.
 */
import type { RuleMeta } from './rule.js';

export const inputRules: RuleMeta[] = [
  {
    id: 'json-syntax', severity: 'error', vitessSource: 'go/json2/unmarshal.go',
    description: 'The file is not valid JSON (syntax, comments, trailing commas, empty, binary, too large or too deep).',
    docs: 'Vitess parses VSchema files with protojson, which rejects comments and trailing commas. Nothing else in the file can be checked until it parses.',
  },
  {
    id: 'duplicate-key', severity: 'error', vitessSource: 'go/json2/unmarshal.go',
    description: 'A JSON object repeats a key.',
    docs: 'protojson rejects duplicate map keys and repeated fields (`duplicate map key "t1"`), while most JSON tools silently keep the last one, so a duplicated table or vindex hides half of a change.',
  },
  {
    id: 'json-type', severity: 'error', vitessSource: 'go/json2/unmarshal.go',
    description: 'A field has the wrong JSON type (a "true" string for a bool, a number in params, ...).',
    docs: 'protojson is strict: bools must be `true`/`false`, every `params` value must be a string (`"column_count": "3"`), lists must be arrays. The whole file fails to parse in Vitess.',
  },
  {
    id: 'unknown-field', severity: 'warning', vitessSource: 'go/json2/unmarshal.go',
    description: 'A field the VSchema model does not have (Vitess silently drops it).',
    docs: 'Vitess parses VSchemas with `DiscardUnknown`, so a typo such as `column_vindex` or `autoincrement` is ignored without a word and its intended effect never happens. The message suggests the closest known field.',
  },
  {
    id: 'keyspace-duplicate', severity: 'error', vitessSource: null,
    description: 'Two single-keyspace files resolve to the same keyspace name.',
    docs: 'The keyspace name of a single-keyspace file comes from its path (`commerce.json`, `commerce/vschema.json`). Two files with the same name would overwrite each other; name them in `.vschema-guard.yml` (`keyspaces:`).',
  },
  {
    id: 'keyspace-name-from-file', severity: 'info', vitessSource: null,
    description: 'The keyspace name of a single-keyspace file was guessed from its file name.',
    docs: 'A keyspace VSchema file does not contain its keyspace name (it is the argument of `ApplyVSchema`). `vschema_customer_sharded.json` becomes keyspace `customer_sharded`; when the keyspace is called otherwise, map the file with `--keyspace-map FILE=KS`, the action input `keyspace-map` or `keyspaces:` in `.vschema-guard.yml`.',
  },
  {
    id: 'file-unreadable', severity: 'error', vitessSource: null,
    description: 'A named file or directory does not exist or cannot be read.',
    docs: 'Every path given on the command line or matched by the action must be readable.',
  },
  {
    id: 'ddl-syntax', severity: 'warning', vitessSource: null,
    description: 'A statement of a --schema DDL file could not be parsed.',
    docs: 'DDL files are parsed with node-sql-parser (MySQL); statements it cannot read are skipped, like vtexplain skips them, and the table cross-checks ignore them.',
  },
];
