package province_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"chanjiao/store/demo/province"
)

// SideBySide gives every result to then and stops at the first error,
// which it returns: then never sees a failed code.
func TestSideBySideStopsAtTheFirstError(t *testing.T) {
	codes := []string{"530100", "530300", "530400", "530500", "530600"}
	var got []string
	err := province.SideBySide(context.Background(), 0, codes, func(_ context.Context, code string) (string, error) {
		return "file of " + code, nil
	}, func(code, file string) error {
		if file != "file of "+code {
			t.Errorf("then got %q for %s", file, code)
		}
		got = append(got, code)
		return nil
	})
	slices.Sort(got)
	if err != nil || !slices.Equal(got, codes) {
		t.Fatalf("then saw %v (%v), want every code", got, err)
	}

	boom := errors.New("530400 refused")
	got = nil
	err = province.SideBySide(context.Background(), 0, codes, func(_ context.Context, code string) (string, error) {
		if code == "530400" {
			return "", boom
		}
		return code, nil
	}, func(code, _ string) error {
		got = append(got, code)
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("SideBySide gave %v, want the failure", err)
	}
	if slices.Contains(got, "530400") {
		t.Errorf("then saw %v, with the failed code", got)
	}
}

// With atOnce 1 no two units work at the same time, the province's then
// included: each is timed as if alone on its own machine.
func TestSideBySideOneAtATime(t *testing.T) {
	codes := []string{"530100", "530300", "530400", "530500", "530600"}
	var mu sync.Mutex
	busy, most := 0, 0
	enter := func() {
		mu.Lock()
		busy++
		most = max(most, busy)
		mu.Unlock()
	}
	leave := func() {
		mu.Lock()
		busy--
		mu.Unlock()
	}
	err := province.SideBySide(context.Background(), 1, codes, func(_ context.Context, code string) (string, error) {
		enter()
		defer leave()
		time.Sleep(10 * time.Millisecond) // room for a second worker, were there one
		return code, nil
	}, func(code, _ string) error {
		enter()
		leave()
		return nil
	})
	if err != nil || most != 1 {
		t.Fatalf("SideBySide(1) ran %d at once (%v), want 1", most, err)
	}
}
