package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsweave/newsweave"
	"github.com/newsweave/newsweave/cluster"
)

func BenchmarkTmpPutBatch(b *testing.B) {
	for _, bs := range []int{1, 32} {
		b.Run(fmt.Sprint(bs), func(b *testing.B) {
			ctx := context.Background()
			d, err := Open(filepath.Join(b.TempDir(), "b.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer d.Close()
			syn := cluster.Synthetic(b.N+20000, 3)
			for i := 0; i < 20000; i += 100 {
				var as []*newsweave.Article
				for _, s := range syn[i : i+100] {
					as = append(as, s.Article)
				}
				d.PutArticles(ctx, as)
			}
			syn = syn[20000:]
			b.ResetTimer()
			for i := 0; i < b.N; i += bs {
				var as []*newsweave.Article
				for _, s := range syn[i:min(b.N, i+bs)] {
					as = append(as, s.Article)
				}
				if _, err := d.PutArticles(ctx, as); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
