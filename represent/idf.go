package represent

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

// IDF weighs a term key by its inverse document frequency.
type IDF interface {
	IDF(key uint64) float64
}

// DF is a document-frequency table over hashed term keys (the low 32 bits
// of the keys; no words are kept). It is safe for concurrent use and can be
// updated online with Add, so a stream clusterer can keep IDF current.
type DF struct {
	mu sync.RWMutex
	n  uint32
	df map[uint32]uint32
}

// NewDF returns an empty table.
func NewDF() *DF { return &DF{df: map[uint32]uint32{}} }

// Docs returns the number of documents counted.
func (d *DF) Docs() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return int(d.n)
}

// Add counts one document's distinct term keys (word stems, bilingual terms
// and phrases of d).
func (d *DF) Add(doc *Doc) {
	keys := doc.dfKeys()
	d.mu.Lock()
	d.n++
	for _, k := range keys {
		d.df[uint32(k)]++
	}
	d.mu.Unlock()
}

// Merge adds the counts of o to d.
func (d *DF) Merge(o *DF) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	d.mu.Lock()
	defer d.mu.Unlock()
	d.n += o.n
	for k, v := range o.df {
		d.df[k] += v
	}
}

// IDF returns log((N+1)/(df+1)) + 1; unseen terms get the highest weight.
func (d *DF) IDF(key uint64) float64 {
	d.mu.RLock()
	df, n := d.df[uint32(key)], d.n
	d.mu.RUnlock()
	return math.Log(float64(n+1)/float64(df+1)) + 1
}

// Frozen returns an immutable, lock-free copy of d for fast lookups.
func (d *DF) Frozen() IDF {
	d.mu.RLock()
	defer d.mu.RUnlock()
	f := frozenDF{n: float64(d.n + 1), df: make(map[uint32]float32, len(d.df))}
	for k, v := range d.df {
		f.df[k] = float32(math.Log(f.n/float64(v+1)) + 1)
	}
	f.unseen = math.Log(f.n) + 1
	return &f
}

type frozenDF struct {
	n      float64
	unseen float64
	df     map[uint32]float32 // key → idf
}

func (f *frozenDF) IDF(key uint64) float64 {
	if w, ok := f.df[uint32(key)]; ok {
		return float64(w)
	}
	return f.unseen
}

const dfMagic = "NWDF1"

// WriteTo writes the table compactly (gzip; keys delta-coded varints),
// dropping terms seen in fewer than minDF documents.
func (d *DF) Write(w io.Writer, minDF int) error {
	d.mu.RLock()
	defer d.mu.RUnlock()
	keys := make([]uint32, 0, len(d.df))
	for k, v := range d.df {
		if int(v) >= minDF {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(dfMagic)
	var buf [binary.MaxVarintLen64]byte
	put := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	put(uint64(d.n))
	put(uint64(len(keys)))
	prev := uint32(0)
	for _, k := range keys {
		put(uint64(k - prev))
		put(uint64(d.df[k]))
		prev = k
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// ReadDF reads a table written by Write.
func ReadDF(r io.Reader) (*DF, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("df table: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(dfMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != dfMagic {
		return nil, errors.New("df table: bad header")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, fmt.Errorf("df table: %w", err)
	}
	cnt, err := binary.ReadUvarint(br)
	if err != nil || cnt > 1<<26 {
		return nil, errors.New("df table: bad count")
	}
	d := &DF{n: uint32(n), df: make(map[uint32]uint32, cnt)}
	prev := uint32(0)
	for i := uint64(0); i < cnt; i++ {
		dk, err1 := binary.ReadUvarint(br)
		v, err2 := binary.ReadUvarint(br)
		if err1 != nil || err2 != nil {
			return nil, errors.New("df table: truncated")
		}
		prev += uint32(dk)
		d.df[prev] = uint32(v)
	}
	return d, nil
}

//go:embed df.bin
var embeddedDF []byte

var (
	defaultIDFOnce sync.Once
	defaultIDF     IDF
)

// DefaultIDF returns the committed IDF table (hashed term keys → document
// frequency over German news and the SemEval-2022 texts, computed by
// `newsweave train compare`). When the table is missing or unreadable every
// term weighs the same.
func DefaultIDF() IDF {
	defaultIDFOnce.Do(func() {
		d, err := ReadDF(bytes.NewReader(embeddedDF))
		if err != nil {
			d = NewDF()
		}
		defaultIDF = d.Frozen()
	})
	return defaultIDF
}

// Uniform weighs every term 1 (no corpus statistics).
type Uniform struct{}

// IDF returns 1.
func (Uniform) IDF(uint64) float64 { return 1 }
