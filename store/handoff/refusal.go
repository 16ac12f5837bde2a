package handoff

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"chanjiao/store"
)

// Refuse records a refused file beside the database, for 报送情况: the
// time, the file's name, the sender when the file was read far enough to
// name one, and the reason (err's message). A file that was not judged (it
// could not be read, or waits for its passphrase) is not recorded. It
// reports whether the file was recorded as refused, and returns the error
// to show, which also says when the record could not be kept.
func Refuse(db *store.DB, fileName string, b *Bundle, err error) (refused bool, shown error) {
	if errors.Is(err, ErrUnreadable) || errors.Is(err, ErrNeedPassphrase) || errors.Is(err, context.Canceled) {
		return false, err
	}
	r := Refusal{At: db.Now(), File: fileName, Reason: store.ErrorMessage(err)}
	if b != nil {
		r.Sender, r.Year, r.Revision = b.Manifest.Sender.Code, b.Manifest.Year, b.Manifest.Revision
	}
	if lerr := RecordRefusal(db.Path, r); lerr != nil {
		return true, &store.Error{Code: store.ErrorCode(err), Err: errors.Join(err, lerr),
			Message: r.Reason + "（另外，拒收记录未能保存：" + store.ErrorMessage(lerr) + "）"}
	}
	return true, err
}

// Refusal is a refused file, kept for 报送情况. Refusals are written beside
// the database, not in it, so a refused file leaves the database untouched.
type Refusal struct {
	At       time.Time `json:"at"`
	File     string    `json:"file"`
	Sender   string    `json:"sender,omitempty"`
	Year     int       `json:"year,omitempty"`
	Revision int       `json:"revision,omitempty"`
	Reason   string    `json:"reason"`
}

func refusalsPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "refused-files.jsonl")
}

// RecordRefusal appends a refusal to the log beside the database.
func RecordRefusal(dbPath string, r Refusal) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(refusalsPath(dbPath), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return store.Wrap(store.EInvalid, err, "无法写入拒收记录")
	}
	defer f.Close()
	if _, err := f.Write(append(line, '\n')); err != nil {
		return store.Wrap(store.EInvalid, err, "无法写入拒收记录")
	}
	return f.Sync()
}

// Refusals reads the refusal log, oldest first; a damaged line is skipped.
func Refusals(dbPath string) ([]Refusal, error) {
	data, err := os.ReadFile(refusalsPath(dbPath))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Refusal
	for _, line := range strings.Split(string(data), "\n") {
		var r Refusal
		if line != "" && json.Unmarshal([]byte(line), &r) == nil {
			out = append(out, r)
		}
	}
	return out, nil
}
