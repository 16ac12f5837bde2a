package demo

import (
	"fmt"
	"math/rand/v2"

	"chanjiao/store"
)

// Maker makes the made-up codes of a region's records, the demo county's
// and the province-shaped data's, from one random source: the same seed
// always gives the same codes.
type Maker struct {
	Rnd    *rand.Rand
	Region string // six digits
	idSeq  int    // 身份证号 made so far
}

const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// CreditCode makes a 统一社会信用代码 of the region whose check character is
// right, or, when valid is false, wrong (as some early codes are).
func (m *Maker) CreditCode(valid bool) string {
	body := []byte("91" + m.Region)
	for len(body) < 17 {
		body = append(body, creditAlphabet[m.Rnd.IntN(len(creditAlphabet))])
	}
	for c := 0; c < len(creditAlphabet); c++ {
		code := string(body) + string(creditAlphabet[c])
		if store.CreditCodeCheckDigit(code) == valid {
			return code
		}
	}
	panic("unreachable: some check character always fits")
}

// IDNumber makes a valid 身份证号 born in the region between 1970 and 1999
// whose sequence digit agrees with gender (odd 男, even 女), so that it
// raises no 性别 warning.
func (m *Maker) IDNumber(gender string) string {
	m.idSeq++
	seq := m.idSeq % 500 * 2
	if gender == "男" {
		seq++
	}
	body := fmt.Sprintf("%s%04d%02d%02d%03d", m.Region, 1970+m.Rnd.IntN(30), 1+m.Rnd.IntN(12), 1+m.Rnd.IntN(28), seq)
	for _, c := range "0123456789X" {
		if id := body + string(c); store.IDNumberValid(id) {
			return id
		}
	}
	panic("unreachable: some check character always fits")
}
