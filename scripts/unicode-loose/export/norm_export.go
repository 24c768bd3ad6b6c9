// Added by vschema-guard's generator to a copy of vitess.io/vitess/go/mysql/collations/vindex/unicode/norm.

package norm

// NFDInfo returns what colltab's matchContraction and FirstBoundary read of NFD.Properties(s).
func NFDInfo(s []byte) (lead, trail, nLead, nTrail uint8, inert bool) {
	p := NFD.Properties(s)
	return p.LeadCCC(), p.TrailCCC(), p.nLeadingNonStarters(), p.nTrailingNonStarters(), p.isInert()
}
