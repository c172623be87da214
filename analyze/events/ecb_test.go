package events_test

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/internal/shared"
)

var (
	sourceBeforeRE = regexp.MustCompile(`(?i)(according to( the)?|\b(said|told|says))\s*$`)
	negationRE     = regexp.MustCompile(`(?i)\b(not|never|no|refused|declined|failed|denied|without)\b|n't|n ' t`)
)

// TestECBPlusProperties runs the whole analyzer (real NER and timex) over
// a sample of English news from ECB+ and checks properties every event must
// have: inside its sentence, an actor or a target, actor ≠ target, no
// actor that only appears as a quoted source ("…, said X.", "according to
// X"), negation only with a negation word, and events found at all.
func TestECBPlusProperties(t *testing.T) {
	p := shared.Path(t, "data", "clustering", "ecbplus", "docs.jsonl")
	an, err := analyze.Default()
	if err != nil {
		t.Skipf("analyzer not available: %v", err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	docs, withEvents, total := 0, 0, 0
	for n := 0; sc.Scan(); n++ {
		if n%5 != 0 { // every fifth document keeps the test fast
			continue
		}
		var d struct{ ID, Lang, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		a := &newsweave.Article{Text: d.Text, Lang: d.Lang}
		an.Analyze(a)
		docs++
		if len(a.Events) > 0 {
			withEvents++
		}
		runes := []rune(a.Text)
		for _, e := range a.Events {
			total++
			if e.SentStart < 0 || e.SentEnd > len(runes) || e.SentStart > e.SentEnd {
				t.Fatalf("%s: sentence %d–%d outside the text", d.ID, e.SentStart, e.SentEnd)
			}
			sent := string(runes[e.SentStart:e.SentEnd])
			if e.Actor.Name == "" && e.Target == nil {
				t.Errorf("%s: %s event without actor and target in %q", d.ID, e.Action, sent)
			}
			if e.Target != nil && e.Actor.Name != "" && e.Target.Name == e.Actor.Name {
				t.Errorf("%s: %s actor = target %q", d.ID, e.Action, e.Actor.Name)
			}
			if e.Negated && !negationRE.MatchString(sent) {
				t.Errorf("%s: negated %s without a negation word in %q", d.ID, e.Action, sent)
			}
			if e.Actor.Name != "" && onlySource(a, e) {
				t.Errorf("%s: %s actor %q is a source in %q", d.ID, e.Action, e.Actor.Name, sent)
			}
		}
	}
	t.Logf("ECB+ sample: %d docs, %d with events, %d events", docs, withEvents, total)
	if docs > 0 && withEvents*4 < docs {
		t.Errorf("only %d of %d documents have events", withEvents, docs)
	}
}

// onlySource reports whether every mention of the event's actor in its
// sentence stands in a source position: after "according to", or after
// "said/told/says" and closing its clause ("…, said Peskov.").
func onlySource(a *newsweave.Article, e newsweave.Event) bool {
	runes := []rune(a.Text)
	seen := false
	for _, m := range a.Entities {
		if m.Start < e.SentStart || m.End > e.SentEnd || m.Canonical != e.Actor.Name && m.Text != e.Actor.Name {
			continue
		}
		seen = true
		before := string(runes[e.SentStart:m.Start])
		after := strings.TrimSpace(string(runes[m.End:e.SentEnd]))
		loc := sourceBeforeRE.FindStringSubmatch(before)
		switch {
		case loc == nil:
			return false
		case loc[1] != "" && strings.HasPrefix(strings.ToLower(loc[1]), "according"):
		case after != "" && !strings.ContainsAny(after[:1], ".,;"):
			return false // "said Russia had invited …" opens the reported clause
		}
	}
	return seen
}

// TestOnlySourceCheck makes sure the property above can fail.
func TestOnlySourceCheck(t *testing.T) {
	text := "Russia invited Kim, said Peskov. According to Tass, Russia invited Kim. Peskov said Russia invited Kim."
	a := enArticle(t, text, "Russia/LOC|Kim/PER|Peskov/PER|Tass/ORG", "2014-12-20")
	sent := func(k int) (int, int) {
		ends := []int{0, 33, 72, len([]rune(text))}
		return ends[k], ends[k+1]
	}
	cases := []struct {
		sent  int
		actor string
		want  bool
	}{{0, "Peskov", true}, {0, "Russia", false}, {1, "Tass", true}, {2, "Russia", false}, {2, "Peskov", false}}
	for _, c := range cases {
		s, e := sent(c.sent)
		ev := newsweave.Event{Actor: newsweave.EntityRef{Name: c.actor}, SentStart: s, SentEnd: e}
		if got := onlySource(a, ev); got != c.want {
			t.Errorf("sentence %d actor %s: onlySource = %v, want %v", c.sent, c.actor, got, c.want)
		}
	}
}
