package ner

// Document stage: features from how the same (lower-cased) word was tagged
// by the first stage elsewhere in the document. Names recur in an article
// ("Angela Merkel" … "Merkel"), so one confident mention helps the others.

const (
	tDLType uint64 = iota + 200
	tDLMaj
	tDLNone
	tDLOwn
	tDLBias
	tDLPrev
	tDLNext
)

// docLabels counts first-stage entity types (0 = O, 1 PER, 2 LOC, 3 ORG,
// 4 OTH) per word hash over one document.
type docLabels struct {
	m map[uint64][5]uint16
}

func typeOf(tag int) int { return (tag + 1) / 2 }

func (d *docLabels) reset() {
	if d.m == nil {
		d.m = map[uint64][5]uint16{}
	}
	clear(d.m)
}

func (d *docLabels) add(hl []uint64, tags []int) {
	for i, h := range hl {
		c := d.m[h]
		if t := typeOf(tags[i]); c[t] < 1<<15 {
			c[t]++
		}
		d.m[h] = c
	}
}

// summary returns the majority type among the other occurrences of token i
// (-1: none elsewhere) and the set of types seen there.
func (d *docLabels) summary(hl []uint64, tags []int, i int) (maj int, seen uint8) {
	c := d.m[hl[i]]
	c[typeOf(tags[i])]--
	maj, best := -1, uint16(0)
	for t, v := range c {
		if v > 0 {
			seen |= 1 << t
			if v > best {
				maj, best = t, v
			}
		}
	}
	return maj, seen
}

// features appends the document-stage features of token i.
func (d *docLabels) features(buf []uint32, hl []uint64, cf []uint8, tags []int, i int) []uint32 {
	add := func(x uint64) { buf = append(buf, key32(x)) }
	c := uint64(cf[i])
	own := uint64(tags[i])
	// No features without evidence from elsewhere: a stage-2 bias would
	// recalibrate the (weaker) jackknifed first stage, not the real one.
	maj, seen := d.summary(hl, tags, i)
	if maj >= 0 {
		for t := 0; t < 5; t++ {
			if seen&(1<<t) != 0 {
				add(mix(mix(tDLType, uint64(t)), c))
			}
		}
		add(mix(mix(mix(tDLMaj, uint64(maj)), c), own))
		add(mix(mix(tDLOwn, own), uint64(seen)))
	}
	if i > 0 {
		if pm, _ := d.summary(hl, tags, i-1); pm > 0 {
			add(mix(mix(tDLPrev, uint64(pm)), c))
		}
	}
	if i+1 < len(hl) {
		if nm, _ := d.summary(hl, tags, i+1); nm > 0 {
			add(mix(mix(tDLNext, uint64(nm)), c))
		}
	}
	return buf
}
