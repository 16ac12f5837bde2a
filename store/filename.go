package store

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds of a name used in a file name: a file name may have 255 bytes
// (Linux) or 255 UTF-16 units (Windows), and a long one is hard to read.
const (
	maxNameRunes = 60
	maxNameBytes = 150
)

// SafeFileName is s usable as (part of) a file name on every system: the
// characters Windows refuses and control characters become "_", blanks and
// dots at either end go, and a name over the bounds keeps its beginning and
// ends with "…" and a hash of the whole name, so two different names still
// give two different files. A name that leaves nothing becomes fallback.
func SafeFileName(s, fallback string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`\/:*?"<>|`, r) || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, strings.TrimFunc(s, blank))
	s = strings.Trim(s, ". ")
	if s == "" {
		s = fallback
	}
	if utf8.RuneCountInString(s) <= maxNameRunes && len(s) <= maxNameBytes {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(s))
	tail := fmt.Sprintf("…%08x", h.Sum32())
	head, n := 0, utf8.RuneCountInString(tail)
	for i, r := range s {
		if n == maxNameRunes || i+utf8.RuneLen(r)+len(tail) > maxNameBytes {
			break
		}
		head, n = i+utf8.RuneLen(r), n+1
	}
	return strings.TrimRight(s[:head], ". ") + tail
}

// blank is white space and the invisible characters a pasted name carries
// (zero-width spaces and joiners, the byte-order mark).
func blank(r rune) bool {
	return unicode.IsSpace(r) || r >= '\u200b' && r <= '\u200f' || r == '\u2060' || r == '\ufeff'
}
