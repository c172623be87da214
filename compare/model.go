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
	dims     [NumDims]*GBT   // resolved from Dims
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
	for d, name := range Dimensions {
		g := m.Dims[name]
		if g == nil {
			return fmt.Errorf("model: dimension %s missing", name)
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
		m.dims[d] = g
	}
	return nil
}

// Write stores the model as indented JSON.
func (m *Model) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(m)
}

// NewModel wraps seven trained ensembles (in Dimensions order).
func NewModel(g [NumDims]*GBT, info string) *Model {
	m := &Model{Version: ModelVersion, Features: FeatureNames[:], Info: info, Dims: map[string]*GBT{}}
	for d, name := range Dimensions {
		g[d].flatten()
		m.Dims[name] = g[d]
		m.dims[d] = g[d]
	}
	return m
}

// Predict maps features to scores on the 1–4 scale.
func (m *Model) Predict(f *Features) Scores {
	var s Scores
	for d, g := range m.dims {
		v := g.Predict(f)
		s[d] = math.Min(4, math.Max(1, v))
	}
	if ov := f[25]; ov >= 0.8 {
		// Copies: one text is (nearly) the other, so on every dimension
		// they are as alike as their shingle overlap says.
		for d := range s {
			s[d] = min(s[d], 1+3*(1-ov))
		}
	}
	if Apart(f) {
		// Reports years apart are not of the same happening, however alike
		// their actors and words: the training pairs rarely show this, so
		// it is stated rather than learned.
		s[Time] = max(s[Time], ApartFloor[Time])
		s[Narrative] = max(s[Narrative], ApartFloor[Narrative])
		s[Overall] = max(s[Overall], ApartFloor[Overall])
	}
	return s
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
