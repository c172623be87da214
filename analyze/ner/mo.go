package ner

import (
	"encoding/binary"
	"errors"
	"os"
)

// readMO reads a GNU gettext .mo catalogue into msgid → msgstr. Malformed
// files give an error, never a panic.
func readMO(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseMO(b)
}

func parseMO(b []byte) (map[string]string, error) {
	if len(b) < 28 {
		return nil, errors.New("mo: short file")
	}
	var bo binary.ByteOrder
	switch binary.LittleEndian.Uint32(b) {
	case 0x950412de:
		bo = binary.LittleEndian
	case 0xde120495:
		bo = binary.BigEndian
	default:
		return nil, errors.New("mo: bad magic")
	}
	n := int(bo.Uint32(b[8:]))
	origOff := int(bo.Uint32(b[12:]))
	transOff := int(bo.Uint32(b[16:]))
	if n < 0 || n > len(b)/8 {
		return nil, errors.New("mo: bad count")
	}
	str := func(tab, i int) (string, bool) {
		p := tab + 8*i
		if p < 0 || p+8 > len(b) {
			return "", false
		}
		l := int(bo.Uint32(b[p:]))
		o := int(bo.Uint32(b[p+4:]))
		if o < 0 || l < 0 || o+l > len(b) || o+l < o {
			return "", false
		}
		return string(b[o : o+l]), true
	}
	m := make(map[string]string, n)
	for i := 0; i < n; i++ {
		k, ok1 := str(origOff, i)
		v, ok2 := str(transOff, i)
		if !ok1 || !ok2 {
			return m, errors.New("mo: truncated table")
		}
		if k != "" {
			m[k] = v
		}
	}
	return m, nil
}
