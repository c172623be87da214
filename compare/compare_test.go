package compare

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/analyze"
	"github.com/newsweave/newsweave/extract"
	"github.com/newsweave/newsweave/internal/shared"
	"github.com/newsweave/newsweave/represent"
)

const invite = `Russlands Präsident Wladimir Putin hat den nordkoreanischen Machthaber Kim Jong Un zur Feier des 70. Jahrestages des Sieges über Hitlerdeutschland am 9. Mai 2015 nach Moskau eingeladen. Die Einladung sei angenommen worden, teilte das Außenministerium in Moskau mit.`
const invite2 = `Kim Jong Un ist nach Moskau eingeladen: Wladimir Putin möchte den Machthaber Nordkoreas im Mai 2015 bei den Feiern zum Sieg über Nazi-Deutschland empfangen, berichtet eine japanische Zeitung.`
const weather = `Das Wetter in Österreich bleibt wechselhaft: In Wien und Graz regnet es am Wochenende, im Westen fällt oberhalb von 1500 Metern Schnee. Die Meteorologen erwarten erst für die kommende Woche wieder Sonnenschein.`

func doc(text string) *represent.Doc {
	return represent.Build(&newsweave.Article{Text: text, Lang: "de"})
}

func TestFeaturizeSymmetric(t *testing.T) {
	a, b := doc(invite), doc(weather)
	fa, fb := Featurize(a, b), Featurize(b, a)
	for i := range fa {
		if math.Abs(fa[i]-fb[i]) > 1e-9 {
			t.Errorf("feature %s not symmetric: %v vs %v", FeatureNames[i], fa[i], fb[i])
		}
	}
}

// cos_back, the German–English cosine translated English → German, is
// symmetric, higher for a translation than for an unrelated text, and
// missing for same-language pairs.
func TestFeatureBack(t *testing.T) {
	if _, err := os.Stat(represent.DingPath); err != nil {
		t.Skip("no Ding dictionary")
	}
	de := doc("Die Regierung hat die Einladung zum Gipfel angenommen. Der Präsident reist nach Moskau.")
	en := represent.Build(&newsweave.Article{Text: "The government accepted the invitation to the summit. The president travels to Moscow.", Lang: "en"})
	other := represent.Build(&newsweave.Article{Text: "Heavy rain flooded the football stadium before the match on Sunday evening.", Lang: "en"})
	x, y := Featurize(de, en), Featurize(other, de)
	if x[fBack] < 0.3 || x[fBack] <= y[fBack] {
		t.Errorf("cos_back: translation %.2f, unrelated %.2f", x[fBack], y[fBack])
	}
	if z := Featurize(en, de); z[fBack] != x[fBack] {
		t.Errorf("cos_back not symmetric: %v vs %v", x[fBack], z[fBack])
	}
	if f := Featurize(de, doc(weather)); f[fBack] != missing {
		t.Errorf("same-language cos_back = %v, want missing", f[fBack])
	}
}

func TestModelOrdersPairs(t *testing.T) {
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b, w := doc(invite), doc(invite2), doc(weather)
	same, related, unrelated := c.Score(a, a), c.Score(a, b), c.Score(a, w)
	if !(same[Overall] <= related[Overall] && related[Overall] < unrelated[Overall]) {
		t.Errorf("Overall: identical %.2f, same story %.2f, unrelated %.2f", same[Overall], related[Overall], unrelated[Overall])
	}
	if unrelated[Overall] < 2.5 || related[Overall] > 2.5 {
		t.Errorf("Overall on the wrong side of the scale: same story %.2f, unrelated %.2f", related[Overall], unrelated[Overall])
	}
	for d, v := range unrelated {
		if v < 1 || v > 4 {
			t.Errorf("%s = %v outside 1–4", Dimensions[d], v)
		}
	}
	if s := c.Similarity(a, b); s <= c.Similarity(a, w) {
		t.Error("Similarity does not follow Overall")
	}
}

func TestEvidence(t *testing.T) {
	a := represent.Build(&newsweave.Article{Text: invite, Lang: "de", Published: "2014-12-20",
		Entities: []newsweave.Mention{{Text: "Putin", Type: "PER", EntityID: "per:vladimir-putin", Canonical: "Vladimir Putin", Start: 20},
			{Text: "Moskau", Type: "LOC", EntityID: "loc:moscow", Canonical: "Moscow", Country: "RU", Start: 200}}})
	b := represent.Build(&newsweave.Article{Text: invite, Lang: "de", Published: "2014-12-22",
		Entities: []newsweave.Mention{{Text: "Putin", Type: "PER", EntityID: "per:vladimir-putin", Canonical: "Vladimir Putin", Start: 20},
			{Text: "Tokio", Type: "LOC", EntityID: "loc:tokyo", Canonical: "Tokyo", Country: "JP", Start: 5}}})
	r := Compare(a, b)
	ev := r.Evidence
	if !ev.NearDuplicate || ev.Overlap < 0.9 {
		t.Errorf("identical texts: near-dup %v overlap %.2f", ev.NearDuplicate, ev.Overlap)
	}
	if strings.Join(ev.Entities.Shared, ",") != "Vladimir Putin" || strings.Join(ev.Geography.OnlyB, ",") != "Tokyo" {
		t.Errorf("entities %+v geography %+v", ev.Entities, ev.Geography)
	}
	if ev.Time.PublishedGap == nil || *ev.Time.PublishedGap != 2 {
		t.Errorf("published gap %v, want 2", ev.Time.PublishedGap)
	}
	if len(ev.Narrative.SharedTerms) == 0 || ev.Languages != "de-de" {
		t.Errorf("narrative %+v languages %q", ev.Narrative, ev.Languages)
	}
}

func TestReadPairs(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "pairs.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ps, err := ReadPairs(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 4 {
		t.Fatalf("%d pairs, want 4", len(ps))
	}
	if ps[0].ID != "p1" || !ps[0].Labeled || ps[0].Labels[Style] != 1.5 || ps[0].A.Title != "Putin lädt Kim ein" || ps[0].Line != 2 {
		t.Errorf("row 1: %+v", ps[0])
	}
	if ps[2].Err == nil || !strings.Contains(ps[2].Err.Error(), "text1") {
		t.Errorf("row 3: want missing-text error, got %v", ps[2].Err)
	}
	if ps[3].Labeled || ps[3].Err != nil || ps[3].A.Lang != "" {
		t.Errorf("row 4: %+v", ps[3])
	}
	if _, err := ReadPairs(strings.NewReader("id,text\n1,a\n")); err == nil {
		t.Error("header without pair_id accepted")
	}
	ps, err = ReadPairs(strings.NewReader("pair_id,text1,text2\nx,\"broken,b\nok,a,b\n"))
	if err != nil || len(ps) == 0 || ps[0].Err == nil {
		t.Errorf("unterminated quote: %v %+v", err, ps)
	}
}

func TestGroupID(t *testing.T) {
	for in, want := range map[string]string{
		"1484039360it_1484180228it": "1484039360_1484180228",
		"1556488279_1573093212fr":   "1556488279_1573093212",
		"1611434162_1595143248":     "1611434162_1595143248",
		"abc":                       "abc",
	} {
		if got := GroupID(in); got != want {
			t.Errorf("GroupID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestArticleGroups(t *testing.T) {
	tests := []struct {
		ids  []string
		same [][2]int // index pairs that must share a group
		diff [][2]int // index pairs that must not
	}{
		{[]string{"1_2", "2_3es", "4_5", "5it_6it", "7_8"}, [][2]int{{0, 1}, {2, 3}}, [][2]int{{0, 2}, {0, 4}, {2, 4}}},
		{[]string{"1_2", "2_1", "1_2fr"}, [][2]int{{0, 1}, {1, 2}}, nil},
		{[]string{"abc", "abd", ""}, nil, [][2]int{{0, 1}}},
		{[]string{"1_2", "3_4", "4_1"}, [][2]int{{0, 1}, {1, 2}}, nil}, // chain joined late
	}
	for _, tc := range tests {
		g := ArticleGroups(tc.ids)
		if len(g) != len(tc.ids) {
			t.Fatalf("%v: %d groups", tc.ids, len(g))
		}
		for _, p := range tc.same {
			if g[p[0]] != g[p[1]] {
				t.Errorf("%v: %q and %q should share a group: %v", tc.ids, tc.ids[p[0]], tc.ids[p[1]], g)
			}
		}
		for _, p := range tc.diff {
			if g[p[0]] == g[p[1]] {
				t.Errorf("%v: %q and %q should not share a group: %v", tc.ids, tc.ids[p[0]], tc.ids[p[1]], g)
			}
		}
	}
}

// The trainer must recover a simple step function and generalise to
// held-out rows.
func TestTrainGBT(t *testing.T) {
	var X []Features
	var y, w []float64
	for i := 0; i < 400; i++ {
		var f Features
		// features 15 and 16 are not monotone-constrained
		f[15] = float64(i%100) / 100
		f[16] = float64((i*37)%100) / 100
		X = append(X, f)
		v := 1.0
		if f[15] > 0.5 {
			v = 3
		}
		y = append(y, v+f[16]*0.5)
		w = append(w, 1)
	}
	g := TrainGBT(X, y, w, TrainParams{Trees: 200, Depth: 3, Rate: 0.1, Lambda: 1, MinWeight: 2, Subsample: 1, Bins: 32, Seed: 1})
	var pred []float64
	for i := range X {
		pred = append(pred, g.Predict(&X[i]))
	}
	if r := Pearson(pred, y); r < 0.98 {
		t.Errorf("fit Pearson %.3f", r)
	}
	// model file round trip
	var gs [NumDims]*GBT
	for d := range gs {
		gs[d] = g
	}
	var buf bytes.Buffer
	if err := NewModel(gs, nil, "test").Write(&buf); err != nil {
		t.Fatal(err)
	}
	m, err := ReadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if p := m.Predict(&X[7]); math.Abs(p[Overall]-math.Min(4, math.Max(1, pred[7]))) > 1e-5 {
		t.Errorf("round trip changes prediction: %v vs %v", p[Overall], pred[7])
	}
	// A constrained feature: y rises with cosine, which the constraint
	// forbids, so the fit must stay flat in it.
	for i := range X {
		X[i][0], X[i][15] = X[i][15], 0
	}
	g0 := TrainGBT(X, y, w, TrainParams{Trees: 50, Depth: 3, Rate: 0.1, Lambda: 1, MinWeight: 2, Subsample: 1, Bins: 32, Seed: 1})
	var lo, hi Features
	lo[0], hi[0] = 0.1, 0.9
	if g0.Predict(&hi) > g0.Predict(&lo)+1e-9 {
		t.Errorf("monotone constraint violated: cos 0.9 → %.3f > cos 0.1 → %.3f", g0.Predict(&hi), g0.Predict(&lo))
	}
	// Cross-lingual ensembles: used for cross-lingual pairs only, and
	// they survive the model file.
	ex := make([]Example, len(X))
	for i := range X {
		ex[i] = Example{Group: strconv.Itoa(i), X: X[i], Y: Scores{y[i], y[i], y[i], y[i], y[i], y[i], y[i]}, Weight: 1}
		if i%2 == 0 {
			ex[i].X[fCrossLingual] = 1
			ex[i].Y[Overall] = 4 // a different world: the cross head must learn it
		}
	}
	p := DefaultParams
	p.Cross = &DefaultCrossParams
	mx := Train(ex, p, "cross test")
	buf.Reset()
	if err := mx.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if mx, err = ReadModel(&buf); err != nil || len(mx.Cross) != NumDims {
		t.Fatalf("cross model round trip: %v", err)
	}
	xf, mf := ex[0].X, ex[1].X
	if mx.head(&xf, Overall) != mx.cross[Overall] || mx.head(&mf, Overall) != mx.dims[Overall] {
		t.Error("cross-lingual ensembles not chosen by the cross_lingual feature")
	}
	if s := mx.Predict(&xf)[Overall]; s < 3.5 {
		t.Errorf("cross-lingual pair scored %.2f by the shared ensembles, want ≈4 from the cross ones", s)
	}
	if s := mx.Predict(&mf)[Overall]; s > 3.5 {
		t.Errorf("same-language pair scored %.2f, want the shared ensembles' value", s)
	}
	if _, err := ReadModel(strings.NewReader(`{"version":99}`)); err == nil {
		t.Error("wrong version accepted")
	}
}

func TestCorrelations(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	if r := Pearson(x, []float64{2, 4, 6, 8, 10}); math.Abs(r-1) > 1e-12 {
		t.Errorf("Pearson %v", r)
	}
	if r := Spearman(x, []float64{1, 4, 9, 16, 100}); math.Abs(r-1) > 1e-12 {
		t.Errorf("Spearman %v", r)
	}
	if r := Pearson(x, []float64{1, 1, 1, 1, 1}); !math.IsNaN(r) {
		t.Errorf("constant: %v", r)
	}
}

// seedCrawlDates lists shared.SeedCrawlDates in seed order (000…004).
var seedCrawlDates = []string{
	shared.SeedCrawlDates["000"], shared.SeedCrawlDates["001"], shared.SeedCrawlDates["002"],
	shared.SeedCrawlDates["003"], shared.SeedCrawlDates["004"],
}

// seedDocs prepares the five seeds as ingest does: extraction (with the
// crawl date as container metadata when dated), analysis, representation.
func seedDocs(t *testing.T, dated bool) []*represent.Doc {
	t.Helper()
	dir := shared.Path(t, "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) < 5 {
		t.Skip("seeds incomplete")
	}
	sort.Strings(files)
	an, err := analyze.Default()
	if err != nil {
		t.Fatal(err)
	}
	var docs []*represent.Doc
	for i, f := range files[:5] {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := extract.Document{Input: f, Body: b}
		if dated {
			d.Date = seedCrawlDates[i]
		}
		a, err := extract.New().Extract(d)
		if err != nil {
			t.Fatal(err)
		}
		an.Analyze(a)
		docs = append(docs, represent.Build(a))
	}
	return docs
}

// seedScores scores the ten seed pairs and logs them, closest first.
func seedScores(t *testing.T, docs []*represent.Doc) map[[2]int]Scores {
	t.Helper()
	c, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[[2]int]Scores{}
	var keys [][2]int
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			out[[2]int{i, j}] = c.Score(docs[i], docs[j])
			keys = append(keys, [2]int{i, j})
		}
	}
	sort.SliceStable(keys, func(x, y int) bool { return out[keys[x]][Overall] < out[keys[y]][Overall] })
	for _, k := range keys {
		s := out[k]
		t.Logf("%03d–%03d Overall %.2f Time %.2f Narrative %.2f Entities %.2f (published %s / %s)", k[0], k[1],
			s[Overall], s[Time], s[Narrative], s[Entities], represent.DayString(docs[k[0]].Published), represent.DayString(docs[k[1]].Published))
	}
	return out
}

// The seeds: 000/001 report the same invitation (December 2014), 002/004
// Putin accepting Kim's invitation (2023/24), 003 North Korea courting
// Russia (November 2014). The seeds are raw page dumps; they go through
// extraction and analysis with their crawl dates, as ingest takes them.
// The acceptance: 000–001 is the closest pair, 002–004 the next; pairs ten
// years apart are clearly further on Time and Narrative, while Entities
// (the same leaders) stays similar.
func TestSeeds(t *testing.T) {
	docs := seedDocs(t, true)
	for i, d := range docs {
		if want := seedCrawlDates[i]; represent.DayString(d.Published) != want {
			t.Fatalf("seed %03d published %q, want the crawl date %s", i, represent.DayString(d.Published), want)
		}
	}
	sc := seedScores(t, docs)
	same, sequel := sc[[2]int{0, 1}], sc[[2]int{2, 4}]
	for k, s := range sc {
		if k != [2]int{0, 1} && s[Overall] <= same[Overall] {
			t.Errorf("%03d–%03d Overall %.2f: not above 000–001 %.2f (the closest pair)", k[0], k[1], s[Overall], same[Overall])
		}
		if k != [2]int{0, 1} && k != [2]int{2, 4} && s[Overall] <= sequel[Overall] {
			t.Errorf("%03d–%03d Overall %.2f: not above 002–004 %.2f (the next closest)", k[0], k[1], s[Overall], sequel[Overall])
		}
	}
	// The margins: "clearly further" is at least 0.5 on the 1–4 scale; the
	// shared leaders keep Entities below Time, or within 0.75 of the
	// same-story pair's Entities.
	const clearly, entMargin = 0.5, 0.75
	for _, i := range []int{0, 1, 3} { // 2014
		for _, j := range []int{2, 4} { // 2023/24
			k := [2]int{min(i, j), max(i, j)}
			s := sc[k]
			for _, near := range []struct {
				name string
				s    Scores
			}{{"000–001", same}, {"002–004", sequel}} {
				if s[Time] < near.s[Time]+clearly || s[Narrative] < near.s[Narrative]+clearly {
					t.Errorf("%03d–%03d (ten years apart): Time %.2f Narrative %.2f, not clearly (+%.1f) above %s %.2f/%.2f",
						k[0], k[1], s[Time], s[Narrative], clearly, near.name, near.s[Time], near.s[Narrative])
				}
			}
			if s[Entities] >= s[Time] && s[Entities] > same[Entities]+entMargin {
				t.Errorf("%03d–%03d: Entities %.2f neither below Time %.2f nor within %.2f of 000–001's %.2f (same leaders)",
					k[0], k[1], s[Entities], s[Time], entMargin, same[Entities])
			}
		}
	}
}

// TestSeedsUndated logs the seed ranking without crawl dates (the dumps of
// 001 and 003 carry no year, so nothing tells the 2014 invitation in 001
// from the 2023 acceptance): informative only.
func TestSeedsUndated(t *testing.T) {
	docs := seedDocs(t, false)
	var undated []string
	for i, d := range docs {
		if d.Published == represent.NoDay {
			undated = append(undated, fmt.Sprintf("%03d", i))
		}
	}
	t.Logf("no publication date from extraction for seeds %v", undated)
	seedScores(t, docs)
}

func benchDocs(b *testing.B) (*represent.Doc, *represent.Doc) {
	long := strings.Repeat(invite+"\n\n", 12)
	long2 := strings.Repeat(invite2+"\n\n", 12)
	return doc(long), doc(long2)
}

// BenchmarkCompare measures scoring two prepared articles (features + the
// seven ensembles), the clusterer's inner loop.
func BenchmarkCompare(b *testing.B) {
	c, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	x, y := benchDocs(b)
	for b.Loop() {
		c.Score(x, y)
	}
}

// BenchmarkCompareEvidence includes the evidence for people.
func BenchmarkCompareEvidence(b *testing.B) {
	c, err := New(nil)
	if err != nil {
		b.Fatal(err)
	}
	x, y := benchDocs(b)
	for b.Loop() {
		c.Compare(x, y)
	}
}

func FuzzReadPairs(f *testing.F) {
	f.Add("pair_id,text1,text2\n1,a,b\n")
	f.Add("pair_id,text1,text2,Overall\n\"1,a\n")
	f.Fuzz(func(t *testing.T, s string) {
		ps, _ := ReadPairs(strings.NewReader(s))
		for _, p := range ps {
			if p.Err == nil && p.ID == "" {
				t.Fatal("row without id and without error")
			}
		}
	})
}
