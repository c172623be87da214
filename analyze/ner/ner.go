// Package ner finds German and English named entities and resolves them to
// canonical identities.
package ner

import "github.com/newsweave/newsweave"

// Recognizer is the default entity recognizer. PLACEHOLDER until the NER stage lands.
type Recognizer struct{}

// Load loads the committed model and gazetteers.
func Load() (*Recognizer, error) { return &Recognizer{}, nil }

// Recognize returns the entity mentions in text.
func (r *Recognizer) Recognize(text, lang string) []newsweave.Mention { return nil }
