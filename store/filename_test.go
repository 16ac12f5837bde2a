package store_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"chanjiao/store"
)

func TestSafeFileName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"楚雄市教育体育局", "楚雄市教育体育局"},
		{`a/b\c:d*e?f"g<h>i|j`, "a_b_c_d_e_f_g_h_i_j"},
		{"\u200b 甲校\t\n", "甲校"},
		{"甲校\x01乙", "甲校_乙"},
		{"..甲校. ", "甲校"},
		{" .. ", "学校"},
		{"", "学校"},
	} {
		if got := store.SafeFileName(tc.in, "学校"); got != tc.want {
			t.Errorf("SafeFileName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := strings.Repeat("很长的学校名称", 30)
	a, b := store.SafeFileName(long, "学校"), store.SafeFileName(long+"二", "学校")
	for _, s := range []string{a, b} {
		if utf8.RuneCountInString(s) > 60 || len(s) > 150 || !strings.Contains(s, "…") || !strings.HasPrefix(s, "很长的学校名称") {
			t.Errorf("long name cut to %q (%d characters, %d bytes)", s, utf8.RuneCountInString(s), len(s))
		}
	}
	if a == b {
		t.Errorf("two long names that differ at the end give one file name %q", a)
	}
}
