package handoff

import (
	"bytes"
	"encoding/json"
	"runtime"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// asV1 makes encoding/json/v2 write what v1's json.Marshal writes, byte for
// byte, a fifth faster: null for a nil slice or map, <>& and U+2028/9
// escaped, map keys sorted. Bad UTF-8 it refuses, where v1 writes \ufffd.
var asV1 = jsonv2.JoinOptions(jsonv2.FormatNilSliceAsNull(true), jsonv2.FormatNilMapAsNull(true), jsonv2.Deterministic(true),
	jsontext.EscapeForHTML(true), jsontext.EscapeForJS(true))

// marshalRecords is json.Marshal(r), byte for byte, with the units encoded
// on every core at once: a prefecture's file holds its 3–14 counties' units,
// and encoding them one after the other was a fifth of its export.
func marshalRecords(r Records) ([]byte, error) {
	if len(r.Units) == 0 {
		return json.Marshal(r)
	}
	units := make([][]byte, len(r.Units))
	errs := make([]error, len(r.Units))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(r.Units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if units[i], errs[i] = jsonv2.Marshal(r.Units[i], asV1); errs[i] != nil { // bad UTF-8
					units[i], errs[i] = json.Marshal(r.Units[i])
				}
			}
		}()
	}
	for i := range r.Units {
		next <- i
	}
	close(next)
	// The rest of the records, with the units left out: every other field
	// of Records comes along as json.Marshal writes it.
	rest := r
	rest.Units = nil
	shell, err := json.Marshal(rest)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	const head = `{"units":null`
	if !bytes.HasPrefix(shell, []byte(head)) { // Records no longer starts with its units
		return json.Marshal(r)
	}
	size := len(shell)
	for i, u := range units {
		if errs[i] != nil {
			return nil, errs[i]
		}
		size += len(u) + 1
	}
	out := make([]byte, 0, size)
	out = append(out, `{"units":[`...)
	for i, u := range units {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, u...)
	}
	out = append(out, ']')
	return append(out, shell[len(head):]...), nil
}
