package cluster

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
)

type discardState struct{}

func (discardState) LoadWeave(context.Context, int, int, int) (*Snapshot, error) {
	return &Snapshot{}, nil
}
func (discardState) SaveWeave(context.Context, *Delta) error { return nil }
func (discardState) WeaveDecision(context.Context, string) (*ArticleRecord, error) {
	return nil, nil
}

func TestHeapDev(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NW_HEAP_N"))
	if n == 0 {
		t.Skip()
	}
	arts := Synthetic(n, 7)
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	w, _ := New(context.Background(), discardState{}, Options{})
	for i := range arts {
		if _, err := w.Assign(context.Background(), arts[i].Article); err != nil {
			t.Fatal(err)
		}
		arts[i].Article = nil
	}
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("heap %.1f MB -> %.1f MB; %+v", float64(m0.HeapInuse)/1e6, float64(m1.HeapInuse)/1e6, w.Stats())
	f, _ := os.Create("/tmp/wv/heap.prof")
	pprof.WriteHeapProfile(f)
	f.Close()
	runtime.KeepAlive(w)
}
