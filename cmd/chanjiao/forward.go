package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"chanjiao/store/atomic"
)

// A second launch with files — a data file double-clicked in Explorer while
// the window is already open — hands them to the running window: it leaves a
// request file beside the database, which the window picks up.

func requestGlob(dbPath string) string { return dbPath + ".open-*.txt" }

// forwardFiles writes a request naming the files (as absolute paths, since
// the two programs need not share a working folder).
func forwardFiles(dbPath string, files []string, now time.Time) error {
	var lines []string
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return err
		}
		lines = append(lines, abs)
	}
	path := fmt.Sprintf("%s.open-%d.txt", dbPath, now.UnixNano())
	return atomic.WriteFile(path, func(w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
		return err
	})
}

// takeRequests reads and removes the pending requests, oldest first, and
// returns the files they name.
func takeRequests(dbPath string) []string {
	names, _ := filepath.Glob(requestGlob(dbPath)) // the pattern is valid
	sort.Strings(names)
	var files []string
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			continue
		}
		os.Remove(n)
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				files = append(files, line)
			}
		}
	}
	return files
}

// watchRequests hands forwarded files to open, checking every interval. It
// runs for the life of the program.
func watchRequests(dbPath string, every time.Duration, open func([]string)) {
	for range time.Tick(every) {
		if files := takeRequests(dbPath); len(files) > 0 {
			open(files)
		}
	}
}
