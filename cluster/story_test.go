package cluster

import (
	"context"
	"fmt"
	"testing"

	"github.com/newsweave/newsweave"
)

// TestRelinkYoungerStoryline: an event that arrived before the reports it
// belongs with (an appeal read before the ruling on it) joins their
// storyline once it grows, and keeps its own, older storyline id.
func TestRelinkYoungerStoryline(t *testing.T) {
	ctx := context.Background()
	m := DefaultModel()
	m.StoryThreshold = 0.99 // nothing links on arrival
	w, err := New(ctx, nil, Options{Model: m})
	if err != nil {
		t.Fatal(err)
	}
	appeal := "Vireo Technologies filed an appeal at the General Court in Luxembourg against the fine of the European Commission. Vireo says Commissioner Margrethe Vestager misread the video advertising market."
	ruling := "The General Court in Luxembourg upheld the decision of the European Commission against Vireo Technologies but cut the fine. Margrethe Vestager welcomed the judgment on the video advertising market."
	arts := []*newsweave.Article{
		{ID: "appeal-1", Lang: "en", Published: "2023-02-28", Title: "Vireo appeals EU fine", Text: appeal},
		{ID: "ruling-1", Lang: "en", Published: "2025-03-12", Title: "Court cuts Vireo fine", Text: ruling},
		{ID: "ruling-2", Lang: "en", Published: "2025-03-12", Title: "EU court trims fine on Vireo", Text: ruling + " Lawyers for Vireo Technologies studied the ruling."},
		{ID: "appeal-2", Lang: "en", Published: "2023-02-28", Title: "Vireo takes EU to court", Text: appeal + " The appeal was lodged on Monday."},
	}
	var ds []Decision
	for i, a := range arts {
		if i == 3 {
			w.m.StoryThreshold = 0.05 // the grown appeal event now matches
		}
		d, err := w.Assign(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ds = append(ds, d)
	}
	if ds[0].Event == ds[1].Event || ds[0].Event != ds[3].Event || ds[1].Event != ds[2].Event {
		t.Fatalf("events: %s %s %s %s, want appeal and ruling apart", ds[0].Event, ds[1].Event, ds[2].Event, ds[3].Event)
	}
	if ds[0].Storyline == ds[1].Storyline {
		t.Fatalf("storylines linked on arrival at threshold 0.99")
	}
	var merged bool
	for _, mg := range ds[3].Merges {
		if mg.Kind == "storyline" && mg.From == ds[1].Storyline && mg.Into == ds[0].Storyline {
			merged = true
		}
	}
	if !merged || ds[3].Storyline != ds[0].Storyline {
		t.Fatalf("appeal grown: storyline %s, merges %+v; want %s merged into %s", ds[3].Storyline, ds[3].Merges, ds[1].Storyline, ds[0].Storyline)
	}
	if got := w.resolveStory(ds[1].Storyline); got != ds[0].Storyline {
		t.Errorf("ruling's storyline resolves to %s, want %s", got, ds[0].Storyline)
	}
}

func TestTuneStoryThreshold(t *testing.T) {
	ctx := context.Background()
	syn := Synthetic(400, 3)
	arts := make([]*newsweave.Article, len(syn))
	stories := make([]string, len(syn))
	for i, s := range syn {
		arts[i], stories[i] = s.Article, fmt.Sprint(s.Storyline)
	}
	best, levels, err := TuneStoryThreshold(ctx, arts, stories, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(levels) != len(storyGrid) {
		t.Fatalf("%d levels, want %d", len(levels), len(storyGrid))
	}
	// The rule, recomputed: best F1 among precise levels, higher level on ties.
	want := StoryLevel{F1: -1}
	for _, l := range levels {
		if l.P >= storyMinPrecision && l.F1 >= want.F1-1e-9 {
			want = l
		}
	}
	if want.F1 < 0 {
		t.Fatalf("no level reaches precision %.2f on the synthetic stream: %+v", storyMinPrecision, levels)
	}
	if best != want {
		t.Errorf("best %+v, want %+v", best, want)
	}
	if _, _, err := TuneStoryThreshold(ctx, arts, stories[:1], Options{}); err == nil {
		t.Error("mismatched labels: no error")
	}
}
