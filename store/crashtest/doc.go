// Package crashtest holds tests that try to break the store from outside:
// a process killed at random moments in the middle of imports and edits,
// writes that hit a full disk (a file-size limit), and a read-only mount.
// It has no code of its own.
package crashtest
