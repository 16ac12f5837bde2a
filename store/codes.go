package store

import "strings"

// Checks of the national identifier codes. Each returns whether the check
// digit holds; the caller decides whether a failure is an error or a warning.

const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// CreditCodeWellFormed reports whether s has the form of a 统一社会信用代码
// (GB 32100): 17 characters from the code's 31-character set and a check
// character. A check character outside the set (such as Z) is a failed check
// digit, which CreditCodeCheckDigit reports, not a malformed code: the issue's
// vector 91350100M000100Y4Z "fails" the check and is only a warning.
func CreditCodeWellFormed(s string) bool {
	if len(s) != 18 {
		return false
	}
	for i := 0; i < 17; i++ {
		if strings.IndexByte(creditAlphabet, s[i]) < 0 {
			return false
		}
	}
	last := s[17]
	return last >= '0' && last <= '9' || last >= 'A' && last <= 'Z'
}

// CreditCodeCheckDigit reports whether the 18th character of a well-formed
// credit code is right: weights 3^(i-1) mod 31, check = 31 − (Σ mod 31),
// with 31 written as 0.
func CreditCodeCheckDigit(s string) bool {
	if !CreditCodeWellFormed(s) {
		return false
	}
	sum, w := 0, 1
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditAlphabet, s[i]) * w
		w = w * 3 % 31
	}
	check := (31 - sum%31) % 31
	return creditAlphabet[check] == s[17]
}

// IDNumberValid reports whether s is an 18-character 身份证号 whose check
// digit holds (GB 11643, ISO 7064 MOD 11-2).
func IDNumberValid(s string) bool {
	if len(s) != 18 {
		return false
	}
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		sum += int(s[i]-'0') * weights[i]
	}
	return "10X98765432"[sum%11] == s[17]
}

// allDigits reports whether s is n ASCII digits.
func allDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// PhoneValid reports whether s holds only digits, spaces, '-' and '+'.
func PhoneValid(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ' ' || r == '-' || r == '+') {
			return false
		}
	}
	return true
}

// MaskID shows a 身份证号 with its birth date and sequence hidden.
func MaskID(s string) string {
	if len(s) != 18 {
		return s
	}
	return s[:6] + "********" + s[14:]
}

// IDNumberGender is the sex a valid 18-digit 身份证号 records in its 17th
// digit (odd 男, even 女); "" for a number that is not valid.
func IDNumberGender(s string) string {
	if !IDNumberValid(s) {
		return ""
	}
	if (s[16]-'0')%2 == 1 {
		return "男"
	}
	return "女"
}
