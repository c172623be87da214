package analyze

import (
	"sync"

	"github.com/newsweave/newsweave/analyze/events"
	"github.com/newsweave/newsweave/analyze/ner"
	"github.com/newsweave/newsweave/analyze/timex"
)

var (
	defaultOnce sync.Once
	defaultAn   *Analyzer
	defaultErr  error
)

// Default returns the analyzer with the committed models, loaded once per
// process. The result is immutable and safe for concurrent use.
func Default() (*Analyzer, error) {
	defaultOnce.Do(func() {
		rec, err := ner.Load()
		if err != nil {
			defaultErr = err
			return
		}
		defaultAn = &Analyzer{Entities: rec, Times: timex.New(), Events: events.New()}
	})
	return defaultAn, defaultErr
}
