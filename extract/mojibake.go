package extract

import (
	"strings"
	"unicode/utf8"
)

// cp1252High maps the Windows-1252 code points of bytes 0x80–0x9F back to
// their byte values; bytes undefined in cp1252 (0x81, 0x8D, 0x8F, 0x90,
// 0x9D) survive decoding as the C1 control characters U+0081 etc. and are
// handled as Latin-1.
var cp1252High = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// cp1252Byte returns the single byte that r was decoded from under
// cp1252/Latin-1, or false when r is not such a character.
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x80 {
		return byte(r), true
	}
	if r <= 0xFF {
		return byte(r), true // Latin-1 range, including C1 controls
	}
	b, ok := cp1252High[r]
	return b, ok
}

// RepairMojibake undoes the classic encoding accident in which UTF-8 bytes
// were decoded as Latin-1/cp1252 ("fÃ¼r" → "für", "â€ž" → "„"). Only
// character sequences that form a valid multi-byte UTF-8 sequence when
// re-encoded are replaced, so correct text — including legitimate accented
// letters — is left alone. Doubly garbled text is repaired by repeating the
// pass (at most three times).
func RepairMojibake(s string) string {
	// "â€" + U+FFFD: the right double quote (E2 80 9D) whose last byte,
	// undefined in cp1252, was replaced during decoding.
	if strings.Contains(s, "â€\ufffd") {
		s = strings.ReplaceAll(s, "â€\ufffd", "”")
	}
	for i := 0; i < 3; i++ {
		r, changed := repairOnce(s)
		if !changed {
			return s
		}
		s = r
	}
	return s
}

// hasMojibakeLead reports whether s contains a rune that can start a garbled
// multi-byte sequence (Â..ô as Latin-1 lead bytes 0xC2–0xF4); a cheap guard
// so clean text costs one scan.
func hasMojibakeLead(s string) bool {
	for i := 0; i < len(s); i++ {
		// U+00C2..U+00F4 are encoded in UTF-8 as 0xC3 0x82..0xB4.
		if s[i] == 0xC3 && i+1 < len(s) && s[i+1] >= 0x82 && s[i+1] <= 0xB4 {
			return true
		}
	}
	return false
}

func repairOnce(s string) (string, bool) {
	if !hasMojibakeLead(s) {
		return s, false
	}
	var b strings.Builder
	last := 0 // s[:last] has been written to b
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r < 0xC2 || r > 0xF4 {
			i += size
			continue
		}
		need := 1
		switch {
		case r >= 0xF0:
			need = 3
		case r >= 0xE0:
			need = 2
		}
		var buf [4]byte
		buf[0] = byte(r)
		j := i + size
		ok := true
		for k := 1; k <= need; k++ {
			if j >= len(s) {
				ok = false
				break
			}
			c, csz := utf8.DecodeRuneInString(s[j:])
			cb, isByte := cp1252Byte(c)
			if !isByte || cb < 0x80 || cb > 0xBF {
				ok = false
				break
			}
			buf[k] = cb
			j += csz
		}
		if !ok {
			i += size
			continue
		}
		dec, dsz := utf8.DecodeRune(buf[:need+1])
		if dec == utf8.RuneError || dsz != need+1 {
			i += size
			continue
		}
		if last == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteRune(dec)
		last, i = j, j
	}
	if last == 0 {
		return s, false
	}
	b.WriteString(s[last:])
	return b.String(), true
}
