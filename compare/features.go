package compare

import (
	"math"

	"github.com/newsweave/newsweave/represent"
)

// FeatureNames names the evidence features, in order. The model file lists
// them too, so a model trained on other features is refused.
var FeatureNames = [NumFeatures]string{
	"cos_terms", "cos_head", "cos_title", "cos_phrases", "cos_cross", "cos_grams", "cos_best",
	"title_head",
	"ent_wjaccard", "ent_per", "ent_org", "ent_loc", "ent_both",
	"country_jaccard", "country_both",
	"event_gap", "pub_gap", "days_jaccard", "days_nearest", "years_jaccard", "mainyear_gap",
	"numbers_jaccard", "actions_jaccard",
	"len_ratio", "len_min", "minhash", "simhash",
	"lang_pair", "cross_lingual", "dated_years_gap", "cos_back",
}

// NumFeatures is the number of evidence features.
const NumFeatures = 31

// Indexes of features the rules and the model heads read.
const (
	fMinHash      = 25
	fLangPair     = 27
	fCrossLingual = 28
	fBack         = 30
)

// Features is the evidence vector of a pair.
type Features [NumFeatures]float64

// missing marks a feature with no evidence (e.g. no dates in one article);
// the trees learn their own split for it.
const missing = -1

// Featurize computes the evidence features of a pair. It allocates nothing
// and is symmetric in a and b.
func Featurize(a, b *represent.Doc) Features {
	var f Features
	f[0] = represent.Dot(a.Terms, b.Terms)
	f[1] = represent.Dot(a.Head, b.Head)
	f[2] = represent.Dot(a.TitleV, b.TitleV)
	f[3] = represent.Dot(a.Phrases, b.Phrases)
	f[4] = represent.Dot(a.Cross, b.Cross)
	f[5] = represent.SketchCosine(&a.Grams, &b.Grams)
	f[6] = max(f[0], f[4])
	if a.Lang != b.Lang {
		// Across languages the stems rarely match: the bilingual space is
		// the term evidence, so the same features mean the same thing for
		// every language pair.
		f[0] = f[4]
		f[1] = represent.Dot(a.CrossHead, b.CrossHead)
		f[2] = represent.Dot(a.CrossTitle, b.CrossTitle)
		// Character n-grams of two languages overlap in names and
		// numbers only: the weights the model learns for them on the many
		// same-language pairs would mislead here.
		f[5] = f[4]
	}
	if a.Lang == b.Lang {
		f[7] = (represent.Dot(a.TitleV, b.Head) + represent.Dot(b.TitleV, a.Head)) / 2
	} else {
		f[7] = (represent.Dot(a.CrossTitle, b.CrossHead) + represent.Dot(b.CrossTitle, a.CrossHead)) / 2
	}
	if a.TitleV.Len() == 0 || b.TitleV.Len() == 0 {
		// No title on one side (text-only input) is not a dissimilar title.
		f[2], f[7] = missing, missing
	}

	wj, per, org, loc := entityOverlap(a.Entities, b.Entities)
	f[8], f[9], f[10], f[11] = wj, per, org, loc
	switch {
	case len(a.Entities) > 0 && len(b.Entities) > 0:
		f[12] = 1
	case len(a.Entities) > 0 || len(b.Entities) > 0:
		f[12] = 0.5
	}
	f[13], f[14] = missing, 0
	if len(a.Countries) > 0 && len(b.Countries) > 0 {
		f[13], f[14] = represent.Jaccard(a.Countries, b.Countries), 1
	}

	f[15] = dayGap(a.EventDay, b.EventDay)
	f[16] = dayGap(a.Published, b.Published)
	f[17], f[18] = missing, missing
	if len(a.Days) > 0 && len(b.Days) > 0 {
		f[17] = represent.Jaccard(a.Days, b.Days)
		f[18] = math.Log1p(float64(nearest(a.Days, b.Days, math.MaxInt32)))
	}
	f[19], f[20] = missing, missing
	if len(a.Years) > 0 && len(b.Years) > 0 {
		f[19] = represent.Jaccard(a.Years, b.Years)
	}
	f[29] = missing
	if len(a.DatedYears) > 0 && len(b.DatedYears) > 0 {
		f[29] = float64(nearest(a.DatedYears, b.DatedYears, math.MaxInt16))
	}
	if a.MainYear > 0 && b.MainYear > 0 {
		f[20] = math.Abs(float64(a.MainYear) - float64(b.MainYear))
	}
	f[21] = missing
	if len(a.Numbers) > 0 && len(b.Numbers) > 0 {
		f[21] = represent.Jaccard(a.Numbers, b.Numbers)
	}
	f[22] = missing
	if len(a.Actions) > 0 && len(b.Actions) > 0 {
		f[22] = represent.Jaccard(a.Actions, b.Actions)
	}
	wa, wb := float64(a.Words), float64(b.Words)
	if max(wa, wb) > 0 {
		f[23] = min(wa, wb) / max(wa, wb)
	}
	f[24] = math.Log1p(min(wa, wb))
	f[25] = represent.MinHashJaccard(a, b)
	f[26] = float64(represent.SimHashDistance(a, b)) / 64
	// The term cosine translated the other way: English into German stems,
	// weighted by German IDF (a German corpus, unlike the bilingual
	// space's English side). Other cross-lingual pairs repeat cos_terms;
	// same-language pairs have none (so the trees fitted on them do not
	// change with it).
	f[fBack] = missing
	if de, en := a, b; a.Lang != b.Lang {
		f[fBack] = f[0]
		if a.Lang == "en" {
			de, en = b, a
		}
		if de.Lang == "de" && en.Lang == "en" && en.DeTerms.Len() > 0 {
			f[fBack] = represent.Dot(de.Terms, en.DeTerms)
		}
	}
	f[27] = langPair(a.Lang, b.Lang)
	if a.Lang != b.Lang {
		f[28] = 1
	}
	return f
}

// langPair codes the language pair: 0 de–de, 1 en–en, 2 de–en, 3 other
// same-language, 4 other cross-language.
func langPair(x, y string) float64 {
	switch {
	case x == "de" && y == "de":
		return 0
	case x == "en" && y == "en":
		return 1
	case (x == "de" && y == "en") || (x == "en" && y == "de"):
		return 2
	case x == y:
		return 3
	}
	return 4
}

func dayGap(x, y int32) float64 {
	if x == represent.NoDay || y == represent.NoDay {
		return missing
	}
	d := float64(x) - float64(y)
	return math.Log1p(math.Abs(d))
}

// entityOverlap returns the salience-weighted Jaccard (Σmin/Σmax) and the
// plain Jaccard per type PER, ORG, LOC (missing when a type is absent on
// either side). Both lists are sorted by Key.
func entityOverlap(a, b []represent.EntityWeight) (wj, per, org, loc float64) {
	var smin, smax float64
	var inter, na, nb [3]int
	ti := func(t string) int {
		switch t {
		case "PER":
			return 0
		case "ORG":
			return 1
		case "LOC":
			return 2
		}
		return -1
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i].Key < b[j].Key):
			smax += float64(a[i].Weight)
			if t := ti(a[i].Type); t >= 0 {
				na[t]++
			}
			i++
		case i >= len(a) || b[j].Key < a[i].Key:
			smax += float64(b[j].Weight)
			if t := ti(b[j].Type); t >= 0 {
				nb[t]++
			}
			j++
		default:
			smin += float64(min(a[i].Weight, b[j].Weight))
			smax += float64(max(a[i].Weight, b[j].Weight))
			if t := ti(a[i].Type); t >= 0 {
				na[t]++
				nb[t]++
				inter[t]++
			}
			i++
			j++
		}
	}
	wj = missing
	if len(a) > 0 && len(b) > 0 && smax > 0 {
		wj = smin / smax
	}
	var out [3]float64
	for t := range out {
		out[t] = missing
		if na[t] > 0 && nb[t] > 0 {
			out[t] = float64(inter[t]) / float64(na[t]+nb[t]-inter[t])
		}
	}
	return wj, out[0], out[1], out[2]
}

// nearest returns the smallest distance between an element of a and one of
// b (both ascending): days since the epoch, or years. none is returned when
// either is empty.
func nearest[T int16 | int32](a, b []T, none T) T {
	best := none
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		d := a[i] - b[j]
		if d < 0 {
			d = -d
		}
		best = min(best, d)
		if a[i] < b[j] {
			i++
		} else {
			j++
		}
	}
	return best
}

// Apart reports explicit evidence that two articles are about different
// times: publication dates more than a year apart, or dated years (see
// represent.Doc.DatedYears) all at least two years apart, unless the
// publication dates say the articles are from the same half-year.
func Apart(f *Features) bool {
	pub := f[16]
	if pub >= math.Log1p(365) {
		return true
	}
	return f[29] >= 2 && (pub == missing || pub >= math.Log1p(180))
}
