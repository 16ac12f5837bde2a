package main

import (
	"flag"
	"io"
	"sort"
	"strings"
	"testing"
)

// FuzzFlags feeds arbitrary argument lists (NUL-separated) to every
// command's flag parsing: it must accept or refuse, never panic or loop, the
// positional arguments it returns must come from the input in order, and a
// refusal must read as a message.
func FuzzFlags(f *testing.F) {
	for _, s := range []string{
		"--year\x002025\x00--json",
		"a.xlsx\x00--db\x00x.db\x00b.xlsx",
		"--year=abc",
		"--out",
		"--\x00--year\x002025",
		"-h",
		"--unit\x00532323\x00--name\x00牟定县\x00extra",
		"---x\x00-\x00--=1",
	} {
		f.Add(s)
	}
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	f.Fuzz(func(t *testing.T, joined string) {
		args := strings.Split(joined, "\x00")
		for _, name := range names {
			fs := flag.NewFlagSet(name, flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			fs.String("db", "", "")
			if c := commands[name]; c.flags != nil {
				c.flags(fs)
			}
			positional, err := parseInterleaved(fs, args)
			if err != nil {
				if flagMessage(err) == "" {
					t.Fatalf("%s %q: empty message for %v", name, args, err)
				}
				continue
			}
			i := 0
			for _, p := range positional {
				for i < len(args) && args[i] != p {
					i++
				}
				if i == len(args) {
					t.Fatalf("%s %q: positional %q not from the input in order (%q)", name, args, p, positional)
				}
				i++
			}
		}
	})
}
