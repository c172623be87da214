package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsweave/newsweave/cluster"
)

// BenchmarkWeaveAssignSQLite measures one weave assignment with its
// SQLite transaction (articles are not stored: weave cost alone).
func BenchmarkWeaveAssignSQLite(b *testing.B) {
	ctx := context.Background()
	d, err := Open(filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	w, err := cluster.New(ctx, d, cluster.Options{})
	if err != nil {
		b.Fatal(err)
	}
	syn := cluster.Synthetic(b.N, 3)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := w.Assign(ctx, syn[i].Article); err != nil {
			b.Fatal(err)
		}
	}
}
