package compare

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"
)

// Dimensions are the SemEval-2022 Task 8 dimensions, in the order of Scores.
var Dimensions = [NumDims]string{"Geography", "Entities", "Time", "Narrative", "Overall", "Style", "Tone"}

// NumDims is the number of similarity dimensions.
const NumDims = 7

// Dimension indexes into Scores.
const (
	Geography = iota
	Entities
	Time
	Narrative
	Overall
	Style
	Tone
)

// ModelVersion is the model file format version this code reads.
const ModelVersion = 1

// Model maps evidence features to the seven dimension scores.
type Model struct {
	Version  int             `json:"version"`
	Features []string        `json:"features"`
	Info     string          `json:"info,omitempty"` // how it was trained
	Dims     map[string]*GBT `json:"dims"`
	// Cross, when present, scores pairs in two different languages
	// (feature cross_lingual = 1): trained on the cross-lingual pairs only,
	// with its own ridge part, so the weights the many same-language pairs
	// give to surface features (character n-grams, SimHash) do not carry
	// over to pairs where those features mean something else.
	Cross map[string]*GBT `json:"cross,omitempty"`
	// Blend, when present, holds per class (same-language,
	// cross-lingual) the mix of the learned Overall with the term cosine.
	Blend []Blend       `json:"blend,omitempty"`
	dims  [NumDims]*GBT // resolved from Dims
	cross [NumDims]*GBT // resolved from Cross (nil entries: use dims)
}

//go:embed model.json
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// DefaultModel returns the committed model, loaded once.
func DefaultModel() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = ReadModel(bytes.NewReader(embeddedModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("committed compare model: %w", defaultErr)
		}
	})
	return defaultModel, defaultErr
}

// ReadModel parses and validates a model file.
func ReadModel(r io.Reader) (*Model, error) {
	var m Model
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if m.Version != ModelVersion {
		return nil, fmt.Errorf("model: version %d, this build reads %d (run newsweave train compare)", m.Version, ModelVersion)
	}
	if len(m.Features) != NumFeatures {
		return nil, fmt.Errorf("model: %d features, this build computes %d (run newsweave train compare)", len(m.Features), NumFeatures)
	}
	for i, f := range m.Features {
		if f != FeatureNames[i] {
			return nil, fmt.Errorf("model: feature %d is %q, want %q (run newsweave train compare)", i, f, FeatureNames[i])
		}
	}
	if err := m.resolve(); err != nil {
		return nil, err
	}
	return &m, nil
}

func (m *Model) resolve() error {
	if len(m.Blend) != 0 && len(m.Blend) != numBlendClasses {
		return fmt.Errorf("model: %d blend classes, want %d", len(m.Blend), numBlendClasses)
	}
	finite := func(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
	for _, b := range m.Blend {
		ok := b.W >= 0 && b.W <= 1 && finite(b.A) && finite(b.B) && len(b.C) <= len(BlendInputs)
		for _, c := range b.C {
			ok = ok && finite(c)
		}
		if !ok {
			return errors.New("model: bad blend")
		}
	}
	if err := resolveDims(m.Dims, &m.dims, "dims"); err != nil {
		return err
	}
	if len(m.Cross) == 0 {
		return nil
	}
	return resolveDims(m.Cross, &m.cross, "cross")
}

func resolveDims(src map[string]*GBT, dst *[NumDims]*GBT, what string) error {
	for d, name := range Dimensions {
		g := src[name]
		if g == nil {
			return fmt.Errorf("model: %s: dimension %s missing", what, name)
		}
		if g.Depth < 0 || g.Depth > 8 {
			return errors.New("model: bad tree depth")
		}
		if len(g.Lin) != 0 && len(g.Lin) != len(LinearFeatures) {
			return fmt.Errorf("model: %s: %d linear coefficients, want %d", name, len(g.Lin), len(LinearFeatures))
		}
		internal := 1<<g.Depth - 1
		for _, t := range g.Trees {
			if len(t.F) != internal || len(t.T) != internal || len(t.V) != internal+1 {
				return fmt.Errorf("model: %s: malformed tree", name)
			}
			for _, f := range t.F {
				if f < 0 || int(f) >= NumFeatures {
					return fmt.Errorf("model: %s: feature index %d out of range", name, f)
				}
			}
		}
		g.flatten()
		dst[d] = g
	}
	return nil
}

// Write stores the model as indented JSON.
func (m *Model) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(m)
}

// NewModel wraps seven trained ensembles (in Dimensions order) and,
// when cross is non-nil, seven for cross-lingual pairs.
func NewModel(g [NumDims]*GBT, cross *[NumDims]*GBT, info string) *Model {
	m := &Model{Version: ModelVersion, Features: FeatureNames[:], Info: info, Dims: map[string]*GBT{}}
	for d, name := range Dimensions {
		g[d].flatten()
		m.Dims[name] = g[d]
		m.dims[d] = g[d]
	}
	if cross != nil {
		m.Cross = map[string]*GBT{}
		for d, name := range Dimensions {
			cross[d].flatten()
			m.Cross[name] = cross[d]
			m.cross[d] = cross[d]
		}
	}
	return m
}

// head returns the ensemble that scores dimension d of a pair.
func (m *Model) head(f *Features, d int) *GBT {
	if f[fCrossLingual] == 1 && m.cross[d] != nil {
		return m.cross[d]
	}
	return m.dims[d]
}

// Predict maps features to scores on the 1–4 scale.
func (m *Model) Predict(f *Features) Scores {
	var s Scores
	for d := range s {
		s[d] = m.predictDim(f, d)
	}
	return s
}

// predictDim scores one dimension: the learned value, clamped to 1–4, and
// the stated rules.
func (m *Model) predictDim(f *Features, d int) float64 {
	v := math.Min(4, math.Max(1, m.head(f, d).Predict(f)))
	if d == Overall && len(m.Blend) == numBlendClasses {
		v = math.Min(4, math.Max(1, m.Blend[blendClass(f)].apply(v, f)))
	}
	if ov := f[fMinHash]; ov >= 0.8 {
		// Copies: one text is (nearly) the other, so on every dimension
		// they are as alike as their shingle overlap says.
		v = min(v, 1+3*(1-ov))
	}
	if ApartFloor[d] > 0 && Apart(f) {
		// Reports years apart are not of the same happening, however alike
		// their actors and words: the training pairs rarely show this, so
		// it is stated rather than learned.
		v = max(v, ApartFloor[d])
	}
	return v
}

// ApartFloor are the lowest Time, Narrative and Overall scores of a pair
// with explicit evidence of different times (see Apart).
var ApartFloor = Scores{Time: 3, Narrative: 2.5, Overall: 2.5}

// Scores holds the seven dimension scores, 1 = same story … 4 = unrelated,
// in Dimensions order.
type Scores [NumDims]float64

// MarshalJSON writes the scores as an object keyed by dimension name.
func (s Scores) MarshalJSON() ([]byte, error) {
	m := make(map[string]float64, NumDims)
	for d, name := range Dimensions {
		m[name] = math.Round(s[d]*1000) / 1000
	}
	return json.Marshal(m)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (s *Scores) UnmarshalJSON(b []byte) error {
	var m map[string]float64
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for d, name := range Dimensions {
		s[d] = m[name]
	}
	return nil
}

// Neutral is the score row written for pairs that could not be compared.
var Neutral = Scores{2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5}
