// Added by vschema-guard's generator to a copy of vitess.io/vitess/go/mysql/collations/vindex/collate:
// exposes the unexported tables so they can be written out unchanged.

package collate

import "vschema-guard-unicode-loose/internal/colltab"

// Tables returns the main collation tables and the table Vitess's Hasher uses (tableIndex{0x15, 0x0}).
func Tables() (lookup []uint16, values []uint32, expand []uint32, contract []uint32, ct [][4]uint8, t *colltab.Table) {
	for _, e := range mainCTEntries {
		ct = append(ct, [4]uint8{e.L, e.H, e.N, e.I})
	}
	return mainLookup[:], mainValues[:], mainExpandElem[:], mainContractElem[:], ct, getTable(tableIndex{0x15, 0x0})
}

// BlockSize is the trie block size of index.go.
const BlockSize = blockSize
