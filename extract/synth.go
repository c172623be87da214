package extract

import (
	"fmt"
	"strings"
)

// Sentence parts for synthetic news documents (our own text, no data).
var (
	synthSubjects = []string{"Die Regierung", "Der Außenminister", "Die Opposition", "Ein Sprecher des Ministeriums", "Der Bürgermeister", "Die Gewerkschaft", "Das Gericht", "Die Polizei"}
	synthVerbs    = []string{"kündigte am Montag an", "erklärte am Mittwoch", "teilte mit", "bestätigte am Freitag", "forderte erneut", "kritisierte scharf"}
	synthObjects  = []string{"dass die Verhandlungen über den Haushalt fortgesetzt werden", "dass neue Gespräche mit den Nachbarstaaten geplant seien", "dass die Reform bis zum Sommer abgeschlossen werden soll", "dass weitere Untersuchungen nötig seien", "dass die Kosten deutlich gestiegen sind", "dass man an einer Lösung arbeite"}
	synthPlaces   = []string{"BERLIN", "Wien", "HAMBURG", "Brüssel", "München", "Zürich"}
)

func synthSentence(i, j int) string {
	return fmt.Sprintf("%s %s, %s.", synthSubjects[(i+j)%len(synthSubjects)],
		synthVerbs[(i*3+j)%len(synthVerbs)], synthObjects[(i+j*5)%len(synthObjects)])
}

func synthParagraphs(i int) []string {
	var ps []string
	for p := 0; p < 6+i%4; p++ {
		var s []string
		for k := 0; k < 2+(i+p)%3; k++ {
			s = append(s, synthSentence(i+p, k))
		}
		ps = append(ps, strings.Join(s, " "))
	}
	ps[1] = synthPlaces[i%len(synthPlaces)] + " (dpa) - " + ps[1]
	return ps
}

// SyntheticDocuments builds n distinct news-like documents of the given
// kind (KindText: a text dump with comment section, newsletter box and
// teasers; KindHTML: a page with navigation, article and footer). They are
// used by benchmarks when ../shared is absent.
func SyntheticDocuments(kind Kind, n int) []Document {
	docs := make([]Document, 0, n)
	for i := 0; i < n; i++ {
		title := fmt.Sprintf("Haushaltsstreit: Regierung legt Plan Nummer %d vor", i+1)
		paras := synthParagraphs(i)
		var b strings.Builder
		if kind == KindHTML {
			fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>%s | Beispielzeitung</title>", title)
			fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"2023-%02d-%02dT10:00:00+02:00\"></head><body>", 1+i%12, 1+i%28)
			b.WriteString("<header><nav><ul><li><a href=\"/\">Startseite</a></li><li><a href=\"/politik\">Politik</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav></header>")
			fmt.Fprintf(&b, "<main><article><h1>%s</h1><p class=\"byline\">Von Anna Beispiel</p>", title)
			for _, p := range paras {
				fmt.Fprintf(&b, "<p>%s</p>", p)
			}
			b.WriteString("</article><aside><h2>Weitere Themen</h2><ul><li><a href=\"/a\">Fußball: Ein Spiel endet unentschieden</a></li><li><a href=\"/b\">Wetter: Es wird wärmer</a></li></ul></aside>")
			b.WriteString("<section class=\"comments\"><h2>Kommentare</h2><p>Das sehe ich ganz anders!</p></section></main>")
			b.WriteString("<footer><p>Impressum</p><p>Datenschutz</p><p>© Beispielzeitung 2023</p></footer></body></html>")
			docs = append(docs, Document{Input: fmt.Sprintf("synthetic-%d.html", i), URL: fmt.Sprintf("https://www.beispielzeitung.de/politik/2023/%02d/plan-%d.html", 1+i%12, i), Body: []byte(b.String()), Kind: KindHTML})
			continue
		}
		fmt.Fprintf(&b, "Haushaltsstreit\n%s\n\n", strings.TrimPrefix(title, "Haushaltsstreit: "))
		b.WriteString("  • 12\n\n")
		for k, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
			if k == 2 {
				b.WriteString("Die Ministerin bei einer Pressekonferenz im Juni. Bild: dpa\n\n")
			}
		}
		b.WriteString("Weitere Themen\n\nFußball: Ein Spiel endet unentschieden\n\nNewsletter\n\nAbonnieren Sie unseren Newsletter und verpassen Sie nichts.\n\n")
		b.WriteString("Kommentare\n\nDas sehe ich ganz anders!\n\nTags\n")
		docs = append(docs, Document{Input: fmt.Sprintf("synthetic-%d.txt", i), Body: []byte(b.String()), Kind: KindText})
	}
	return docs
}
