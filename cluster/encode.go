package cluster

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"slices"

	"github.com/newsweave/newsweave"
)

// Binary encoding of the opaque State blobs. Floats are stored bit-exact
// so a reloaded state scores exactly like the one in memory (restarts give
// the same clusters).

const stateVersion = 1

type enc struct{ b []byte }

func (e *enc) u(x uint64)   { e.b = binary.AppendUvarint(e.b, x) }
func (e *enc) i(x int64)    { e.b = binary.AppendVarint(e.b, x) }
func (e *enc) u64(x uint64) { e.b = binary.LittleEndian.AppendUint64(e.b, x) }
func (e *enc) f(x float64)  { e.u64(math.Float64bits(x)) }
func (e *enc) s(x string)   { e.u(uint64(len(x))); e.b = append(e.b, x...) }
func (e *enc) v(x vec) {
	e.u(uint64(len(x.Keys)))
	for i, k := range x.Keys {
		e.u64(k)
		e.b = binary.LittleEndian.AppendUint32(e.b, math.Float32bits(x.Weights[i]))
	}
}

func (e *enc) keyList(ks []uint64) {
	e.u(uint64(len(ks)))
	for _, k := range ks {
		e.u64(k)
	}
}

func (d *dec) keyList() []uint64 {
	n := d.u()
	if n > 1<<16 || !d.need(int(n)*8) {
		d.err = errCorrupt
		return nil
	}
	out := make([]uint64, n)
	for i := range out {
		out[i] = d.u64()
	}
	return out
}

// encMap writes the length of m, then its entries in key order
// (deterministic bytes), each as key then value.
func encMap[K cmp.Ordered, V any](e *enc, m map[K]V, key func(K), val func(V)) {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.u(uint64(len(keys)))
	for _, k := range keys {
		key(k)
		val(m[k])
	}
}

// strMap writes a map of names (see encMap).
func (e *enc) strMap(m map[uint64]string) { encMap(e, m, e.u64, e.s) }

// countMap writes a map of counts (see encMap).
func (e *enc) countMap(m map[string]int) {
	encMap(e, m, e.s, func(x int) { e.i(int64(x)) })
}

type dec struct {
	b   []byte
	err error
}

var errCorrupt = errors.New("cluster: corrupt state blob")

func (d *dec) u() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return x
}

// i reads a zig-zag varint, as binary.Varint does.
func (d *dec) i() int64 {
	ux := d.u()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}
func (d *dec) need(n int) bool {
	if d.err == nil && len(d.b) < n {
		d.err = errCorrupt
	}
	return d.err == nil
}
func (d *dec) f() float64 { return math.Float64frombits(d.u64()) }
func (d *dec) u64() uint64 {
	if !d.need(8) {
		return 0
	}
	x := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return x
}
func (d *dec) s() string {
	n := d.u()
	if !d.need(int(min(n, 1<<30))) || n > 1<<30 {
		d.err = errCorrupt
		return ""
	}
	x := string(d.b[:n])
	d.b = d.b[n:]
	return x
}
func (d *dec) v() vec {
	n := d.u()
	if n > 1<<20 || !d.need(int(n)*12) {
		d.err = errCorrupt
		return vec{}
	}
	x := vec{Keys: make([]uint64, n), Weights: make([]float32, n)}
	for i := range x.Keys {
		x.Keys[i] = binary.LittleEndian.Uint64(d.b)
		x.Weights[i] = math.Float32frombits(binary.LittleEndian.Uint32(d.b[8:]))
		d.b = d.b[12:]
	}
	return x
}

// decMap reads a map written by encMap (at most 1<<20 entries).
func decMap[K comparable, V any](d *dec, key func() K, val func() V) map[K]V {
	n := d.u()
	// Every entry takes at least two bytes: a length beyond what is left is
	// corruption, and must not make us allocate a huge map for garbage.
	if n > 1<<20 || !d.need(int(n)*2) {
		d.err = errCorrupt
		return nil
	}
	m := make(map[K]V, n)
	for i := uint64(0); i < n && d.err == nil; i++ {
		k := key()
		m[k] = val()
	}
	return m
}
func (d *dec) strMap() map[uint64]string { return decMap(d, d.u64, d.s) }
func (d *dec) countMap() map[string]int {
	return decMap(d, d.s, func() int { return int(d.i()) })
}

func (ev *eventState) encode() []byte {
	e := &enc{}
	e.u(stateVersion)
	for _, c := range ev.cent {
		e.v(c)
	}
	e.i(int64(ev.n))
	days := make(map[string]int, len(ev.days))
	for d, c := range ev.days {
		days[formatDay(d)] = c
	}
	e.countMap(days)
	e.i(int64(ev.first))
	e.i(int64(ev.last))
	e.i(ev.created)
	e.i(ev.seq)
	e.s(ev.title)
	e.f(ev.titleScore)
	e.countMap(ev.outlets)
	agencies := map[string]int{}
	for i, a := range ev.agencyNames {
		agencies[a+"\x00"+ev.agencyFirst[i]] = i
	}
	e.countMap(agencies)
	e.strMap(ev.names)
	e.strMap(ev.labels)
	e.i(int64(ev.indexedAt))
	e.keyList(ev.keys)
	e.u(uint64(len(ev.ex)))
	for _, x := range ev.ex {
		e.v(x)
	}
	e.countMap(ev.years)
	e.countMap(ev.langs) // after the fields of the first layout: absent in older blobs
	return e.b
}

func decodeEvent(id, storyline string, b []byte) (*eventState, error) {
	d := &dec{b: b}
	if d.u() != stateVersion {
		return nil, errCorrupt
	}
	ev := &eventState{id: id, storyline: storyline}
	for i := range ev.cent {
		ev.cent[i] = d.v()
	}
	ev.n = int(d.i())
	ev.days = map[int32]int{}
	for s, c := range d.countMap() {
		ev.days[parseDay(s)] = c
	}
	ev.first = int32(d.i())
	ev.last = int32(d.i())
	ev.created = d.i()
	ev.seq = d.i()
	ev.title = d.s()
	ev.titleScore = d.f()
	ev.outlets = d.countMap()
	ag := d.countMap()
	type pair struct {
		i    int
		name string
		id   string
	}
	var ps []pair
	for k, i := range ag {
		name, first, _ := cut0(k)
		ps = append(ps, pair{i, name, first})
	}
	slices.SortFunc(ps, func(a, b pair) int { return a.i - b.i })
	for _, p := range ps {
		ev.agencyNames = append(ev.agencyNames, p.name)
		ev.agencyFirst = append(ev.agencyFirst, p.id)
	}
	ev.names = d.strMap()
	ev.labels = d.strMap()
	ev.indexedAt = int(d.i())
	ev.keys = d.keyList()
	if n := d.u(); n <= maxExemplars {
		for i := uint64(0); i < n; i++ {
			ev.ex = append(ev.ex, d.v())
		}
	} else {
		d.err = errCorrupt
	}
	if ys := d.countMap(); len(ys) > 0 {
		ev.years = ys
	}
	if d.err == nil && len(d.b) > 0 {
		// Stored since the per-language scorers; an unreadable tail (a
		// field of another writer) only costs the languages.
		t := &dec{b: d.b}
		if ls := t.countMap(); t.err == nil && len(ls) > 0 {
			ev.langs = ls
		}
	}
	if d.err != nil {
		return nil, d.err
	}
	return ev, nil
}

func cut0(s string) (string, string, bool) {
	if i := bytes.IndexByte([]byte(s), 0); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

func (st *storyState) encode() []byte {
	e := &enc{}
	e.u(stateVersion)
	e.v(st.ent)
	e.v(st.body)
	e.i(int64(st.events))
	e.i(int64(st.articles))
	e.i(int64(st.first))
	e.i(int64(st.last))
	e.i(st.seq)
	e.s(st.title)
	e.i(int64(st.bigN))
	e.strMap(st.names)
	e.strMap(st.labels)
	e.keyList(st.keys)
	return e.b
}

func decodeStory(id string, b []byte) (*storyState, error) {
	d := &dec{b: b}
	if d.u() != stateVersion {
		return nil, errCorrupt
	}
	st := &storyState{id: id}
	st.ent = d.v()
	st.body = d.v()
	st.events = int(d.i())
	st.articles = int(d.i())
	st.first = int32(d.i())
	st.last = int32(d.i())
	st.seq = d.i()
	st.title = d.s()
	st.bigN = int(d.i())
	st.names = d.strMap()
	st.labels = d.strMap()
	st.keys = d.keyList()
	if d.err != nil {
		return nil, d.err
	}
	return st, nil
}

// encodeSig packs a dupEntry's signature, shingle count and simhash.
func encodeSig(e *dupEntry) []byte {
	b := make([]byte, 0, sigSize*4+16)
	for _, x := range e.Sig {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	b = binary.AppendUvarint(b, uint64(e.Shing))
	b = binary.LittleEndian.AppendUint64(b, e.Simhash)
	return b
}

func decodeSig(b []byte, e *dupEntry) bool {
	if len(b) < sigSize*4+9 {
		return false
	}
	for i := range e.Sig {
		e.Sig[i] = binary.LittleEndian.Uint32(b[i*4:])
	}
	b = b[sigSize*4:]
	n, k := binary.Uvarint(b)
	if k <= 0 || len(b[k:]) < 8 {
		return false
	}
	e.Shing = int(n)
	e.Simhash = binary.LittleEndian.Uint64(b[k:])
	return true
}

// encodeDF compresses the document-frequency table.
func (w *Weaver) encodeDF() []byte {
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
	var hdr [8]byte
	binary.LittleEndian.PutUint64(hdr[:], uint64(w.docs))
	zw.Write(hdr[:])
	b := make([]byte, 4*4096)
	for i := 0; i < len(w.df); i += 4096 {
		for j := 0; j < 4096; j++ {
			binary.LittleEndian.PutUint32(b[j*4:], w.df[i+j])
		}
		zw.Write(b)
	}
	zw.Close()
	return buf.Bytes()
}

func (w *Weaver) decodeDF(blob []byte) error {
	zr, err := zlib.NewReader(bytes.NewReader(blob))
	if err != nil {
		return err
	}
	defer zr.Close()
	raw, err := io.ReadAll(io.LimitReader(zr, int64(8+4*len(w.df)+1)))
	if err != nil {
		return err
	}
	if len(raw) != 8+4*len(w.df) {
		return errCorrupt
	}
	w.docs = int64(binary.LittleEndian.Uint64(raw))
	for i := range w.df {
		w.df[i] = binary.LittleEndian.Uint32(raw[8+4*i:])
	}
	return nil
}

// encode writes a split-test member (see member) for the store.
func (m member) encode() []byte {
	n := 64 + 12*len(m.av.act.Keys) + len(m.art.Title) + len(m.art.Source)
	for _, v := range m.av.v {
		n += 4 + 12*len(v.Keys)
	}
	for _, s := range m.av.names {
		n += 12 + len(s)
	}
	for _, s := range m.av.labels {
		n += 12 + len(s)
	}
	for _, a := range m.art.Agencies {
		n += 4 + len(a)
	}
	e := &enc{b: make([]byte, 0, n)}
	e.u(stateVersion)
	for _, v := range m.av.v {
		e.v(v)
	}
	e.v(m.av.act) // the short profile is rebuilt from views and actions
	e.i(int64(m.av.year))
	e.i(int64(m.av.day))
	e.strMap(m.av.names)
	e.strMap(m.av.labels)
	e.s(m.art.Title)
	e.s(m.art.Source)
	e.u(uint64(len(m.art.Agencies)))
	for _, a := range m.art.Agencies {
		e.s(a)
	}
	e.s(m.av.lang) // after the fields of the first layout: absent in older blobs
	return e.b
}

func decodeMember(id string, seq int64, b []byte) (member, error) {
	d := &dec{b: b}
	if d.u() != stateVersion {
		return member{}, errCorrupt
	}
	av := &artVec{}
	for i := range av.v {
		av.v[i] = d.v()
	}
	av.act = d.v()
	av.entcap = entCap(&av.v)
	av.ex = exProfile(av.v[viewBody], av.entcap, av.act)
	av.year = int(d.i())
	av.day = int32(d.i())
	av.names = d.strMap()
	av.labels = d.strMap()
	art := &newsweave.Article{ID: id, Title: d.s(), Source: d.s()}
	n := d.u()
	if n > 1<<10 {
		return member{}, errCorrupt
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		art.Agencies = append(art.Agencies, d.s())
	}
	if d.err == nil && len(d.b) > 0 { // as for events
		t := &dec{b: d.b}
		if l := t.s(); t.err == nil && len(l) <= 8 {
			av.lang = l
		}
	}
	if d.err != nil {
		return member{}, d.err
	}
	return member{id: id, seq: seq, av: av, art: art}, nil
}
