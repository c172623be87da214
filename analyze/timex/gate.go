package timex

import "strings"

// starters holds every lower-case word a rule can start with; best() skips
// other words with one map lookup instead of trying every rule.
var starters = map[string]bool{}

func init() {
	for _, lx := range []*lexicon{de, en} {
		for _, m := range []map[string]int{lx.months, lx.monAbbr, lx.weekdays, lx.wdSet, lx.nums} {
			for k := range m {
				starters[k] = true
			}
		}
		for _, m := range []map[string]string{lx.units, lx.seasons, lx.mods, lx.sets, lx.refs} {
			for k := range m {
				starters[k] = true
			}
		}
	}
	for _, m := range []map[string]string{partOfDay, longWords, relUnits} {
		for k := range m {
			starters[k] = true
		}
	}
	for k := range decadeWords {
		starters[k] = true
	}
	for k := range holidays {
		starters[k] = true
	}
	for k := range compoundRel {
		starters[k] = true
	}
	for _, seq := range multiRefs {
		starters[seq[0]] = true
	}
	for _, w := range strings.Fields(`jahr jahre jahres year den die der the das dem des im am an ganze ganzen
		gesamte gesamten whole entire neuen vor nach after etwa rund knapp about around ungefähr circa ca
		roughly nearly almost fast über mindestens over mehr weniger more less ersten letzten nächsten
		kommenden folgenden vergangenen first last next past coming following anderthalb eineinhalb jeden
		jede jedes every each heute today heutigen tonight gestern yesterday vorgestern übermorgen morgen
		tomorrow mitternacht midnight gegen zu um laufe this that same current previous jenem jenes diese
		dieser diesem dieses diesen jahresende jahresanfang jahresbeginn jahresmitte jahreswechsel jahreswende monatsende
		monatsanfang monatsbeginn monatsmitte`) {
		starters[w] = true
	}
}

var starterPrefixes = []string{"vergangen", "letzt", "vorig", "vorangegangen", "nächst", "kommend", "folgend",
	"darauffolgend", "anschließend", "laufend", "selb", "gleich", "spät", "früh", "hoch"}

// mayStart reports whether a rule could match at token t.
func mayStart(t *tok) bool {
	switch t.kind {
	case kDigit:
		return true
	case kPunct:
		return false
	}
	if starters[t.l] || strings.Contains(t.l, "ig") || hasDaySuffix(t.l) {
		return true
	}
	for _, p := range starterPrefixes {
		if strings.HasPrefix(t.l, p) {
			return true
		}
	}
	return false
}
