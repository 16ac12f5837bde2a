package handoff

import (
	"bytes"
	"encoding/json"
	"runtime"
	"sync"
)

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
				units[i], errs[i] = json.Marshal(r.Units[i])
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
