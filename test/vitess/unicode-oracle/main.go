// Command unicode-oracle maps text through Vitess's own unicode_loose_md5 and unicode_loose_xxhash
// vindexes (vitess.io/vitess go/vt/vtgate/vindexes): one hex-encoded value per stdin line, one
// output line each: "<md5 keyspace id hex>\t<xxhash keyspace id hex>", an id replaced by
// "!<error text>" when Map fails. Built by test/vitess/build-unicode-oracle.sh; used by
// test/vitess/unicode-loose.test.ts to check vschema-guard's port.
package main

import (
	"bufio"
	"context"
	"encoding/hex"
	"fmt"
	"os"

	"vitess.io/vitess/go/sqltypes"
	"vitess.io/vitess/go/vt/key"
	"vitess.io/vitess/go/vt/vtgate/vindexes"
)

func main() {
	var vs []vindexes.SingleColumn
	for _, t := range []string{"unicode_loose_md5", "unicode_loose_xxhash"} {
		v, err := vindexes.CreateVindex(t, t, nil)
		if err != nil {
			panic(err)
		}
		vs = append(vs, v.(vindexes.SingleColumn))
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		b, err := hex.DecodeString(in.Text())
		if err != nil {
			panic(err)
		}
		for i, v := range vs {
			if i > 0 {
				out.WriteByte('\t')
			}
			d, err := v.Map(context.Background(), nil, []sqltypes.Value{sqltypes.NewVarChar(string(b))})
			if err != nil {
				fmt.Fprintf(out, "!%v", err)
				continue
			}
			fmt.Fprintf(out, "%x", []byte(d[0].(key.DestinationKeyspaceID)))
		}
		out.WriteByte('\n')
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
}
