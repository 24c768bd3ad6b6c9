// Command gen writes src/generated/unicode-loose-tables.ts: the collation tables that Vitess's
// unicode_loose_md5 / unicode_loose_xxhash vindexes hash with (vitess.io/vitess v0.24.4,
// go/mysql/collations/vindex/collate/tables.go, table index {0x15, 0}), plus the few Unicode facts
// colltab reads from unicode/norm and Go's unicode package (Ideographic; IsPrint for the error text). It runs inside a copy of those Vitess
// packages (see ../gen.sh) so the arrays come from Vitess's own Go values, not from parsing text.
//
// Trie entries that no valid UTF-8 input can reach (other locales' tailorings) are written as zero,
// as are expansion entries no reachable element names: the hashed input is always valid UTF-8
// (unicode.go rejects the rest), so this never changes a result. Everything else keeps Vitess's
// layout and indices. The blob is raw DEFLATE, then base64.
package main

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"vschema-guard-unicode-loose/collate"
	"vschema-guard-unicode-loose/norm"
)

const (
	maxCE       = 0xAFFFFFFF
	maxContract = 0xDFFFFFFF
	maxExpand   = 0xEFFFFFFF
)

func main() {
	out := os.Args[1]
	lookup, values, expand, contract, ct, table := collate.Tables()
	bs := collate.BlockSize
	const lookupOffset = 0x15 // index.go: getTable(tableIndex{0x15, 0x0})

	// Mark every trie entry a valid rune reaches (trie.go lookup), following table.go's reads.
	usedLookup := make([]bool, len(lookup))
	usedValues := make([]bool, len(values))
	usedExpand := make([]bool, len(expand))
	markCE := func(ce uint32) {
		if ce > maxContract && ce <= maxExpand { // ceExpansionIndex: appendExpansion
			i := int(uint16(ce))
			n := int(expand[i])
			for k := i; k <= i+n; k++ {
				usedExpand[k] = true
			}
		}
	}
	var decompose []uint32 // rune, then its NFKD decomposition as UTF-8 (table.go ceDecompose)
	var nfd []uint32       // runs of equal NFD properties: start rune, packed properties
	lastProps := ^uint32(0)
	var buf [4]byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		s := buf[:n]
		switch n {
		case 1:
			usedValues[s[0]] = true
		case 2:
			o0 := bs*lookupOffset + int(s[0])
			usedLookup[o0] = true
			usedValues[int(lookup[o0])<<6+int(s[1])] = true
		case 3:
			o0 := bs*lookupOffset + int(s[0])
			usedLookup[o0] = true
			o1 := int(lookup[o0])<<6 + int(s[1])
			usedLookup[o1] = true
			usedValues[int(lookup[o1])<<6+int(s[2])] = true
		case 4:
			o0 := bs*lookupOffset + int(s[0])
			usedLookup[o0] = true
			o1 := int(lookup[o0])<<6 + int(s[1])
			usedLookup[o1] = true
			o2 := int(lookup[o1])<<6 + int(s[2])
			usedLookup[o2] = true
			usedValues[int(lookup[o2])<<6+int(s[3])] = true
		}
		ce, sz := table.Lookup(s)
		if sz != n {
			panic(fmt.Sprintf("rune %U: trie size %d != %d", r, sz, n))
		}
		markCE(ce)
		if ce > maxExpand {
			d := norm.NFKD.Properties(s).Decomposition()
			if len(d) == 0 || len(d) > 255 {
				panic(fmt.Sprintf("rune %U: decomposition of %d bytes", r, len(d)))
			}
			decompose = append(decompose, uint32(r), uint32(len(d)))
			for _, b := range d {
				decompose = append(decompose, uint32(b))
			}
		}
		lead, trail, nLead, nTrail, inert := norm.NFDInfo(s)
		var in uint32
		if inert {
			in = 1
		}
		p := uint32(lead) | uint32(trail)<<8 | uint32(nLead)<<16 | uint32(nTrail)<<20 | in<<24
		if p != lastProps {
			nfd = append(nfd, uint32(r), p)
			lastProps = p
		}
	}
	for _, ce := range contract {
		markCE(ce)
	}
	for i := range lookup {
		if !usedLookup[i] {
			lookup[i] = 0
		}
	}
	for i := range values {
		if !usedValues[i] {
			values[i] = 0
		}
	}
	for i := range expand {
		if !usedExpand[i] {
			expand[i] = 0
		}
	}
	var ideo []uint32 // unicode.Ideographic of the Go release that builds vtgate, as [lo, hi] ranges
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.Is(unicode.Ideographic, r) {
			continue
		}
		if n := len(ideo); n > 0 && ideo[n-1] == uint32(r)-1 {
			ideo[n-1] = uint32(r)
		} else {
			ideo = append(ideo, uint32(r), uint32(r))
		}
	}

	var print []uint32 // unicode.IsPrint above ASCII (fmt's %q in unicode.go's error), as [lo, hi] ranges
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if !unicode.IsPrint(r) {
			continue
		}
		if n := len(print); n > 0 && print[n-1] == uint32(r)-1 {
			print[n-1] = uint32(r)
		} else {
			print = append(print, uint32(r), uint32(r))
		}
	}

	// Sections, each: uint32 LE element count, then little-endian elements.
	var raw bytes.Buffer
	w := func(v any, count int) {
		binary.Write(&raw, binary.LittleEndian, uint32(count))
		binary.Write(&raw, binary.LittleEndian, v)
	}
	ctFlat := make([]uint8, 0, 4*len(ct))
	for _, e := range ct {
		ctFlat = append(ctFlat, e[:]...)
	}
	w(lookup, len(lookup))
	w(values, len(values))
	w(expand, len(expand))
	w(contract, len(contract))
	w(ctFlat, len(ctFlat))
	if len(ctFlat)%4 != 0 {
		panic("ct")
	}
	w(nfd, len(nfd))
	w(decompose, len(decompose))
	w(ideo, len(ideo))
	w(print, len(print))

	var z bytes.Buffer
	fw, _ := flate.NewWriter(&z, flate.BestCompression)
	fw.Write(raw.Bytes())
	fw.Close()
	b64 := base64.StdEncoding.EncodeToString(z.Bytes())

	var ts strings.Builder
	fmt.Fprintf(&ts, `// Code generated by scripts/unicode-loose/gen.sh from vitess.io/vitess %s; DO NOT EDIT.
// Source: go/mysql/collations/vindex/collate/tables.go (CLDR 23 root, table index {0x15, 0}),
// go/mysql/collations/vindex/unicode/norm (NFD properties, NFKD decompositions) and %s unicode.Ideographic, unicode.IsPrint.
// Copyright The Go Authors and The Vitess Authors (BSD-3-Clause / Apache-2.0).
// Raw DEFLATE of %d bytes: sections lookup (uint16 ×%d), values (uint32 ×%d), expand (uint32 ×%d),
// contract (uint32 ×%d), contract tries (4×uint8 ×%d), NFD property runs (uint32 ×%d),
// NFKD decompositions (uint32 ×%d), ideographic ranges (uint32 ×%d), printable ranges above ASCII
// (uint32 ×%d); each a uint32 LE count, then LE data.

/** base64 of the DEFLATE-compressed tables; decoded on first use by src/vindexes/collate-data.ts. */
export const UNICODE_LOOSE_TABLES =
  '%s';
`, os.Getenv("VITESS_VERSION"), os.Getenv("GO_VERSION"), raw.Len(), len(lookup), len(values), len(expand), len(contract), len(ct), len(nfd), len(decompose), len(ideo), len(print), b64)
	if err := os.WriteFile(out, []byte(ts.String()), 0o644); err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "raw %d bytes, deflate %d, base64 %d; nfd runs %d, decompositions %d words, ideographic %d\n", raw.Len(), z.Len(), len(b64), len(nfd)/2, len(decompose), len(ideo)/2)
}
