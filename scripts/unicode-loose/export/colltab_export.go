// Added by vschema-guard's generator to a copy of vitess.io/vitess/go/mysql/collations/vindex/internal/colltab.

package colltab

// Lookup is Trie.lookup of the table's main index: the raw collation element for the first rune of s.
func (t *Table) Lookup(s []byte) (uint32, int) {
	ce, sz := t.Index.lookup(s)
	return uint32(ce), sz
}
