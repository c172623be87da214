package cluster

import (
	"context"
	"os"
	"runtime"
	"testing"
)

// discardState is a StateStore that keeps nothing: the benchmark measures
// the weaver's own CPU and memory.
type discardState struct{}

func (discardState) LoadWeave(context.Context, int, int, int) (*Snapshot, error) {
	return &Snapshot{}, nil
}
func (discardState) SaveWeave(context.Context, *Delta) error { return nil }
func (discardState) WeaveDecision(context.Context, string) (*ArticleRecord, error) {
	return nil, nil
}

// BenchmarkAssignHeap weaves b.N synthetic articles in memory and reports the
// Go heap the weaver holds afterwards per article woven (it levels off once
// the active events, storylines and duplicate window reach their caps:
// run with -benchtime 100000x to see that; -memprofile shows where it goes).
func BenchmarkAssignHeap(b *testing.B) {
	ctx := context.Background()
	arts := Synthetic(b.N, 7)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	// NW_NOREVISE=1: without the split rule's members.
	w, err := New(ctx, discardState{}, Options{NoRevise: os.Getenv("NW_NOREVISE") != ""})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range arts {
		if _, err := w.Assign(ctx, arts[i].Article); err != nil {
			b.Fatal(err)
		}
		arts[i].Article = nil // the weaver must not need it any more
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	st := w.Stats()
	b.ReportMetric(float64(int64(m1.HeapInuse)-int64(m0.HeapInuse))/float64(b.N), "heapB/article")
	b.ReportMetric(float64(st.ActiveEvents), "events")
	b.ReportMetric(float64(st.Members), "members")
	runtime.KeepAlive(w)
}
