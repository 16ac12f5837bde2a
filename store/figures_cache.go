package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"
)

// CachedIndicators gives what Indicators gives, taken from the figures kept
// in the database when nothing has been written since this same program
// computed them. A province's figures take seconds to compute from its
// 250,000 records; kept, its 首页 shows at once each time the window opens.
// Every counted write transaction (DB.Update) moves the generation on, so a
// kept year is never shown after a change; a new program has new rules, so
// the key also names the program.
func (db *DB) CachedIndicators(ctx context.Context, year int) (*Figures, error) {
	var kept []byte
	err := db.View(ctx, func(tx *Tx) error {
		gen, err := tx.generation()
		if err != nil {
			return err
		}
		err = tx.tx.QueryRowContext(ctx, "SELECT figures FROM figures_cache WHERE year = ? AND key = ?",
			year, cacheKey(gen)).Scan(&kept)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, Wrap(EInternal, err, "无法读取数据库")
	}
	if kept != nil {
		var f Figures
		if json.Unmarshal(kept, &f) == nil {
			return &f, nil
		}
	}
	f, gen, err := db.indicators(ctx, year)
	if err != nil {
		return nil, err
	}
	db.keep(ctx, year, gen, f)
	return f, nil
}

// keep stores the figures computed at generation gen, unless something was
// written meanwhile. Keeping is only a help: a database on read-only media,
// a full disk, or another program writing for long, still shows its
// figures, computed each time.
func (db *DB) keep(ctx context.Context, year int, gen int64, f *Figures) {
	data, err := json.Marshal(f)
	if err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_ = db.write(ctx, false, func(tx *Tx) error {
		_, err := tx.tx.ExecContext(ctx, `INSERT OR REPLACE INTO figures_cache (year, key, figures)
			SELECT ?, ?, ? WHERE (SELECT generation FROM changes) = ?`, year, cacheKey(gen), data, gen)
		return err
	})
}

func (tx *Tx) generation() (int64, error) {
	var gen int64
	err := tx.tx.QueryRowContext(tx.ctx, "SELECT generation FROM changes").Scan(&gen)
	return gen, err
}

func cacheKey(gen int64) string { return fmt.Sprintf("%d %s", gen, programStamp()) }

// programStamp tells this build of the program from any other: its version
// and its executable's size and time, which every rebuild changes.
var programStamp = sync.OnceValue(func() string {
	stamp := Version
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			stamp += fmt.Sprintf(" %d %d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return stamp
})
