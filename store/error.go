package store

import (
	"errors"
	"fmt"
)

// Error codes, after benbjohnson/wtf: what kind of failure, so callers can
// decide (exit code, dialog) without parsing messages.
const (
	EInvalid  = "invalid" // the input is refused
	ENotFound = "not_found"
	EConflict = "conflict" // the input contradicts what is stored
	EInternal = "internal"
)

// Error is a failure a clerk can read: Message is plain Chinese, meant to be
// shown as it is; Err keeps the technical cause for the log.
type Error struct {
	Code    string
	Message string
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an Error with a formatted Chinese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap gives a technical error a Chinese message.
func Wrap(code string, err error, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), Err: err}
}

// ErrorCode returns the code of the first Error in err's chain, EInternal for
// anything else.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// InternalMessage is what a clerk sees for a failure nobody foresaw: the
// technical chain is for the log, not for them.
const InternalMessage = "程序内部错误（详情已写入日志），本次操作未完成。请重试，若仍出错请联系技术支持。"

// ErrorMessage returns what to show the clerk: the Chinese message of an
// Error, or InternalMessage for anything unexpected. Callers log err itself.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return InternalMessage
}
