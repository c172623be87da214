// Package timex finds temporal expressions and normalises them to TIMEX values.
package timex

import (
	"time"

	"github.com/newsweave/newsweave"
)

// Tagger is the default temporal tagger. PLACEHOLDER until the timex stage lands.
type Tagger struct{}

// New returns a Tagger.
func New() *Tagger { return &Tagger{} }

// Tag returns the temporal expressions in text anchored at anchor.
func (t *Tagger) Tag(text string, anchor time.Time, lang string) []newsweave.TimeExpr { return nil }
