package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Tags in model order: O then B-/I- for each type.
var Tags = []string{"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-OTH", "I-OTH"}

const nTags = 9

func tagIndex(t string) int {
	for i, x := range Tags {
		if x == t {
			return i
		}
	}
	return 0
}

// allowed reports whether tag b may follow tag a (BIO: I-X only after B-X/I-X).
func allowed(a, b int) bool {
	if b == 0 || b%2 == 1 { // O or B-
		return true
	}
	// b is I-X (even, >0); a must be B-X (b-1) or I-X (b)
	return a == b-1 || a == b
}

// Model is a trained linear sequence model: hashed emission features and a
// tag-transition matrix, decoded with Viterbi. Immutable after loading.
type Model struct {
	slots []slot // open-addressing table, key 0 = empty
	w     []float32
	trans [nTags + 1][nTags]float32 // [prev (nTags = start)][cur]
	mask  uint32
	nFeat int
	// words is the distributional word table the features were trained
	// with (nil for models without one).
	words *WordStats
	// oBias is subtracted from every O score before decoding (tuned on
	// jackknifed training data; 0 for older models).
	oBias float32
	// stage2, when set, re-decodes with document label-consistency
	// features over the first stage's tags (stacked; see Train).
	stage2 *Model
}

// OPenalty is the tuned penalty on the O tag (see TrainOptions.TuneBias).
func (m *Model) OPenalty() float32 { return m.oBias }

// Words returns the model's word table (nil when it has none).
func (m *Model) Words() *WordStats { return m.words }

// slot is one entry of the feature table: key and start of its weight row
// side by side, so a lookup touches one cache line before the row.
type slot struct {
	key uint32
	row int32
}

// newModel builds the lookup table from feature rows.
func newModel(feats map[uint32][nTags]float32, trans [nTags + 1][nTags]float32) *Model {
	size := uint32(1)
	for int(size) < 2*len(feats)+2 {
		size <<= 1
	}
	m := &Model{slots: make([]slot, size), mask: size - 1, trans: trans}
	// Deterministic row order: insert keys in sorted order.
	ks := sortedKeys(feats)
	m.w = make([]float32, 0, len(ks)*nTags)
	for i, k := range ks {
		row := feats[k]
		m.w = append(m.w, row[:]...)
		s := k & m.mask
		for m.slots[s].key != 0 {
			s = (s + 1) & m.mask
		}
		m.slots[s] = slot{key: k, row: int32(i) * nTags}
	}
	m.nFeat = len(ks)
	return m
}

// NumFeatures is the number of weighted features.
func (m *Model) NumFeatures() int { return m.nFeat }

func (m *Model) row(k uint32) []float32 {
	s := k & m.mask
	for {
		sl := m.slots[s]
		if sl.key == k {
			return m.w[sl.row : sl.row+nTags]
		}
		kk := sl.key
		if kk == 0 {
			return nil
		}
		s = (s + 1) & m.mask
	}
}

// emissions fills scores[i*nTags+t] for the prepared sentence.
func (m *Model) emissions(fz *featurizer, n int, scores []float32) {
	for i := 0; i < n; i++ {
		var sc [nTags]float32
		sc[0] = -m.oBias
		for _, k := range fz.tokFeats(i) {
			if r := m.row(k); r != nil {
				rr := (*[nTags]float32)(r)
				for t := range sc {
					sc[t] += rr[t]
				}
			}
		}
		copy(scores[i*nTags:i*nTags+nTags], sc[:])
	}
}

// viterbi returns the best BIO-valid tag sequence for the emission scores.
func viterbi(trans *[nTags + 1][nTags]float32, scores []float32, n int, back []int8, out []int) {
	if n == 0 {
		return
	}
	neg := float32(math.Inf(-1))
	// Transition scores with BIO violations (I-X not after B-X/I-X) at -inf.
	var tr [nTags][nTags]float32
	for p := 0; p < nTags; p++ {
		for t := 0; t < nTags; t++ {
			if allowed(p, t) {
				tr[p][t] = trans[p][t]
			} else {
				tr[p][t] = neg
			}
		}
	}
	var prev, cur [nTags]float32
	for t := 0; t < nTags; t++ {
		if t != 0 && t%2 == 0 {
			prev[t] = neg // no I- at the start
			continue
		}
		prev[t] = trans[nTags][t] + scores[t]
	}
	for i := 1; i < n; i++ {
		em := (*[nTags]float32)(scores[i*nTags : i*nTags+nTags])
		bk := (*[nTags]int8)(back[i*nTags : i*nTags+nTags])
		for t := 0; t < nTags; t++ {
			best, bi := neg, 0
			for p := 0; p < nTags; p++ {
				if v := prev[p] + tr[p][t]; v > best {
					best, bi = v, p
				}
			}
			cur[t] = best + em[t]
			bk[t] = int8(bi)
		}
		prev = cur
	}
	best, bi := neg, 0
	for t := 0; t < nTags; t++ {
		if prev[t] > best {
			best, bi = prev[t], t
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = bi
		if i > 0 {
			bi = int(back[i*nTags+bi])
		}
	}
}

const (
	modelMagicV1 = "NWNER1\n"
	modelMagicV2 = "NWNER2\n" // + word table
	modelMagic   = "NWNER3\n" // + second (document) stage
)

// Write serialises the model (gzip; weights quantised to int16 per row).
func (m *Model) Write(w io.Writer) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	m.writeBody(bw)
	if m.words != nil {
		bw.WriteByte(1)
		m.words.write(bw)
	} else {
		bw.WriteByte(0)
	}
	if m.stage2 != nil {
		bw.WriteByte(1)
		m.stage2.writeBody(bw)
	} else {
		bw.WriteByte(0)
	}
	binary.Write(bw, binary.LittleEndian, m.oBias)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// writeBody writes transitions and weight rows (in key order, for
// determinism).
func (m *Model) writeBody(bw *bufio.Writer) {
	binary.Write(bw, binary.LittleEndian, m.trans)
	binary.Write(bw, binary.LittleEndian, uint32(m.nFeat))
	type kr struct {
		k uint32
		r int32
	}
	rows := make([]kr, 0, m.nFeat)
	for _, sl := range m.slots {
		if sl.key != 0 {
			rows = append(rows, kr{sl.key, sl.row / nTags})
		}
	}
	slicesSortFunc(rows, func(a, b kr) int {
		if a.k < b.k {
			return -1
		}
		if a.k > b.k {
			return 1
		}
		return 0
	})
	for _, x := range rows {
		row := m.w[int(x.r)*nTags : int(x.r)*nTags+nTags]
		var mx float32
		var mask uint16
		for t, v := range row {
			if a := float32(math.Abs(float64(v))); a > mx {
				mx = a
			}
			if v != 0 {
				mask |= 1 << t
			}
		}
		binary.Write(bw, binary.LittleEndian, x.k)
		binary.Write(bw, binary.LittleEndian, mask)
		binary.Write(bw, binary.LittleEndian, mx)
		for t, v := range row {
			if mask&(1<<t) != 0 {
				q := int16(math.Round(float64(v / mx * 32767)))
				binary.Write(bw, binary.LittleEndian, q)
			}
		}
	}
}

// ReadModel reads a model written by Write. Corrupt input gives an error.
func ReadModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	br := bufio.NewReader(zr)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil {
		return nil, errors.New("ner model: bad header")
	}
	version := 0
	switch string(magic) {
	case modelMagicV1:
		version = 1
	case modelMagicV2:
		version = 2
	case modelMagic:
		version = 3
	default:
		return nil, errors.New("ner model: bad header")
	}
	m, err := readBody(br)
	if err != nil {
		return nil, err
	}
	if version >= 2 {
		flag, err := br.ReadByte()
		if err != nil {
			return nil, errors.New("ner model: truncated before word table")
		}
		if flag == 1 {
			if m.words, err = readWordStats(br); err != nil {
				return nil, fmt.Errorf("ner model: %w", err)
			}
		}
	}
	if version >= 3 {
		flag, err := br.ReadByte()
		if err != nil {
			return nil, errors.New("ner model: truncated before second stage")
		}
		if flag == 1 {
			if m.stage2, err = readBody(br); err != nil {
				return nil, fmt.Errorf("second stage: %w", err)
			}
		}
		// The O penalty came later within version 3: absent means 0.
		var b [4]byte
		if n, _ := io.ReadFull(br, b[:]); n == 4 {
			m.oBias = math.Float32frombits(binary.LittleEndian.Uint32(b[:]))
			if m.oBias != m.oBias || m.oBias < -100 || m.oBias > 100 {
				return nil, errors.New("ner model: bad O penalty")
			}
		} else if n != 0 {
			return nil, errors.New("ner model: truncated O penalty")
		}
	}
	return m, nil
}

func readBody(br *bufio.Reader) (*Model, error) {
	var trans [nTags + 1][nTags]float32
	if err := binary.Read(br, binary.LittleEndian, &trans); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("ner model: %w", err)
	}
	if n > 1<<24 {
		return nil, errors.New("ner model: implausible feature count")
	}
	feats := make(map[uint32][nTags]float32, n)
	var hdr [10]byte
	var q [2]byte
	for i := uint32(0); i < n; i++ {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return nil, fmt.Errorf("ner model: truncated at feature %d", i)
		}
		k := binary.LittleEndian.Uint32(hdr[0:])
		mask := binary.LittleEndian.Uint16(hdr[4:])
		mx := math.Float32frombits(binary.LittleEndian.Uint32(hdr[6:]))
		var row [nTags]float32
		for t := 0; t < nTags; t++ {
			if mask&(1<<t) == 0 {
				continue
			}
			if _, err := io.ReadFull(br, q[:]); err != nil {
				return nil, fmt.Errorf("ner model: truncated at feature %d", i)
			}
			row[t] = float32(int16(binary.LittleEndian.Uint16(q[:]))) / 32767 * mx
		}
		if k == 0 {
			return nil, errors.New("ner model: zero key")
		}
		feats[k] = row
	}
	return newModel(feats, trans), nil
}
