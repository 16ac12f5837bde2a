package store

// interner hands back one copy of each text it is given. The stints and
// trainings read for a province's figures name 1,900 schools, two
// directions and a few posts and categories 240,000 times: a copy of each
// per row was 15 MB of its 首页's peak.
type interner map[string]string

func (in interner) of(s string) string {
	if v, ok := in[s]; ok {
		return v
	}
	in[s] = s
	return s
}
