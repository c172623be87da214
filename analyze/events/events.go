// Package events reads actor–action–target events from analysed articles.
package events

import "github.com/newsweave/newsweave"

// Extractor is the default event extractor. PLACEHOLDER until the events stage lands.
type Extractor struct{}

// New returns an Extractor.
func New() *Extractor { return &Extractor{} }

// Extract returns the events of a and its event date.
func (x *Extractor) Extract(a *newsweave.Article) ([]newsweave.Event, string) { return nil, "" }
